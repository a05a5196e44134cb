"""The Bokeh chart definitions (`charts`) whose templates the site embeds, and the standalone
HTML report (`report`). Needs the `bokeh` package: CPython only, left out of the browser build.
"""
