// A table's rows as Arrow IPC streams, the durable store's "arrow" format: DuckDB-WASM writes
// and reads them itself (no extension), with every type kept exactly (TIMESTAMP, BOOLEAN,
// BIGINT, NULLs). The query result is streamed a chunk at a time, so DuckDB's heap never holds
// the whole copy; the rows are kept as several complete streams ("parts") of about PART_BYTES,
// so that reading them back never needs more than one part's worth of DuckDB's heap either.
const PART_BYTES = 4 << 20;
// The end-of-stream marker: a continuation token and a zero length.
const EOS = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]);

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) { out.set(chunk, at); at += chunk.length; }
  return out;
}

// `sql`'s result as a list of complete IPC streams (none when it has no rows). The first
// message DuckDB sends is the schema; each later one is a record batch of up to 2,048 rows.
export function copyOut(conn, sql) {
  return conn.useUnsafe((bindings, id) => {
    let schema = bindings.startPendingQuery(id, sql, true);
    while (schema === null) schema = bindings.pollPendingQuery(id);
    const parts = [];
    let batches = [];
    let size = 0;
    for (;;) {
      let batch = null;
      while (batch === null) batch = bindings.fetchQueryResults(id);
      if (!batch.length) break;
      batches.push(batch);
      size += batch.length;
      if (size >= PART_BYTES) {
        parts.push(concat([schema, ...batches, EOS]));
        batches = [];
        size = 0;
      }
    }
    if (batches.length) parts.push(concat([schema, ...batches, EOS]));
    return parts;
  });
}

// Append the rows of `parts` (copyOut's) to the existing `table` (columns by position).
export function copyIn(conn, table, parts) {
  for (const part of parts) conn.insertArrowFromIPCStream(part, { name: table, create: false });
}
