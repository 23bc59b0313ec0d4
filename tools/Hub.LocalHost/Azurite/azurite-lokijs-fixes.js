// Preloaded into Azurite's node process (node --require) by AzuriteProcess: performance fixes of LokiJS 1.5, Azurite's
// in-memory store. What Azurite stores, returns and removes is unchanged; only how much work it takes.
//
// 1. Removes and updates of an ARRAY of documents switch LokiJS's binary indices off and then re-sort every one of them
//    over the whole collection (Collection.removeBatchByPositions, Collection.update(array) -> ensureAllIndexes), even
//    for an empty array or one document. Azurite does that all the time: clearExpiredMessages runs
//    coll.remove(expiredDocs) — almost always [] — before every queue receive, delete and visibility update;
//    getMessages runs coll.update(receivedDocs); every findAndRemove removes an array (message extents, which Azurite's
//    collector deletes one call each; blob blocks). Each queue operation cost O(N log N) in N = all messages held: a
//    2,000-member local run spent 40-48% of Azurite's CPU re-sorting indices, and receive + delete took 83 ms with
//    10,000 other messages queued, 624 ms with 30,000. Fix: an empty remove does nothing; a remove of one document and
//    an update of an array take LokiJS's own single-document paths (indices kept sorted in place, adaptive binary
//    indices). Larger removes keep the original code.
// 2. A query by several keys is narrowed by the index of its FIRST key only; Azurite puts the account first, so each
//    message delete scanned every message held and each table point operation its whole partition (staging a
//    submission's rows into one partition was O(n^2)). Fix: start from the key whose index matches fewest documents.
// 3. An index on the messages' expirationTime, so that (2) finds the expired messages without a scan.
// If LokiJS is missing or looks different, nothing is patched (Azurite then runs as published, only slower).
'use strict';

(function patchLokiJsForAzurite() {
  const path = require('path');
  let Loki;
  try {
    // Resolve lokijs from Azurite's script (process.argv[1]) so the patched module is the instance Azurite loads.
    Loki = require(require.resolve('lokijs', { paths: [path.dirname(process.argv[1] || process.cwd())] }));
  } catch (e) {
    console.error(`[hub] azurite-lokijs-fixes: lokijs not found (${e.message}); Azurite runs unpatched.`);
    return;
  }
  const proto = Loki && Loki.Collection && Loki.Collection.prototype;
  if (!proto || typeof proto.removeBatch !== 'function' || typeof proto.removeBatchByPositions !== 'function'
      || typeof proto.remove !== 'function' || typeof proto.update !== 'function' || typeof proto.get !== 'function') {
    console.error('[hub] azurite-lokijs-fixes: unexpected lokijs shape; Azurite runs unpatched.');
    return;
  }
  if (proto.removeBatch.hubPatched) return;

  const original = proto.removeBatch;
  const patched = function removeBatch(batch) {
    if (batch.length === 0) return;
    if (batch.length === 1) {
      const item = batch[0];
      const id = typeof item === 'object' && item !== null ? item.$loki : item;
      const found = id === undefined ? null : this.get(id, true);
      // Only a document that is in the collection takes the single path; anything odd keeps the original behaviour.
      if (found) {
        this.remove(found[0]);
        return;
      }
    }
    return original.call(this, batch);
  };
  patched.hubPatched = true;
  proto.removeBatch = patched;

  // Resultset.remove (findAndRemove) calls this directly with data positions.
  const originalByPositions = proto.removeBatchByPositions;
  proto.removeBatchByPositions = function removeBatchByPositions(positions) {
    if (positions.length === 0) return;
    if (positions.length === 1) {
      const doc = this.data[positions[0]];
      if (doc && Object.prototype.hasOwnProperty.call(doc, '$loki')) {
        this.remove(doc);
        return;
      }
    }
    return originalByPositions.call(this, positions);
  };

  const originalUpdate = proto.update;
  proto.update = function update(doc) {
    if (!Array.isArray(doc)) return originalUpdate.call(this, doc);
    // One document at a time, indices kept sorted in place (what the original does when cloneObjects is on).
    for (let k = 0; k < doc.length; k += 1) originalUpdate.call(this, doc[k]);
  };

  // Lookups by several keys: LokiJS narrows a query like { accountName, queueName, messageId } (a message),
  // { PartitionKey, RowKey } (a table entity) or { accountName, containerName, name, snapshot } (a blob) by the index
  // of its FIRST key only and tests the other keys on every document of that range. Azurite always puts the account
  // first, so deleting a message scanned every message held, and each table point operation its whole partition
  // (a submission's 10,000 staged rows made staging O(n^2)). When the first key is an equality and another key of the
  // query is indexed and matches fewer documents, that key is moved first. The documents found are the same; only
  // their order can differ among documents equal on the first key (an order LokiJS does not define), and every such
  // query in Azurite either sorts its result on unique keys, counts or removes it, keys it by a unique name, or asks
  // for a unique document (findOne).
  const Resultset = Loki.Resultset;
  const originalFind = Resultset && Resultset.prototype && Resultset.prototype.find;
  if (typeof originalFind === 'function' && typeof proto.calculateRange === 'function') {
    const isValue = v => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    const rangeOps = ['$eq', '$lt', '$lte', '$gt', '$gte'];
    // The operator and value of one key of a query object, when an index can answer it.
    const condition = (coll, key, value) => {
      if (key.indexOf('.') !== -1 || key.charAt(0) === '$' || !coll.binaryIndices[key] || coll.binaryIndices[key].dirty) return null;
      if (isValue(value)) return ['$eq', value];
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
      const ops = Object.keys(value);
      return ops.length === 1 && rangeOps.indexOf(ops[0]) !== -1 && isValue(value[ops[0]]) ? [ops[0], value[ops[0]]] : null;
    };
    Resultset.prototype.find = function find(query, firstOnly) {
      const coll = this.collection;
      if (this.filterInitialized || !query || typeof query !== 'object' || Array.isArray(query)
          || coll.adaptiveBinaryIndices !== true || coll.data.length === 0) {
        return originalFind.call(this, query, firstOnly);
      }
      const keys = Object.keys(query);
      if (keys.length < 2) return originalFind.call(this, query, firstOnly);
      const first = condition(coll, keys[0], query[keys[0]]);
      if (!first || first[0] !== '$eq') return originalFind.call(this, query, firstOnly);
      const width = (key, c) => { const r = coll.calculateRange(c[0], key, c[1]); return r[1] - r[0]; };
      let best = keys[0];
      let bestWidth = width(best, first);
      for (let i = 1; i < keys.length && bestWidth > 0; i += 1) {
        const c = condition(coll, keys[i], query[keys[i]]);
        if (!c) continue;
        const w = width(keys[i], c);
        if (w < bestWidth) { best = keys[i]; bestWidth = w; }
      }
      if (best === keys[0]) return originalFind.call(this, query, firstOnly);
      const reordered = { [best]: query[best] };
      for (const k of keys) if (k !== best) reordered[k] = query[k];
      return originalFind.call(this, reordered, firstOnly);
    };
  }

  // Azurite removes expired messages before every queue operation with { accountName, queueName,
  // expirationTime: { $lte: now } }; an index on expirationTime lets the lookup above find the (almost always zero)
  // expired messages without scanning the queue. Only in-memory stores get it (a store loaded from disk keeps its
  // indices).
  const originalAddCollection = Loki.prototype && Loki.prototype.addCollection;
  if (typeof originalAddCollection === 'function') {
    Loki.prototype.addCollection = function addCollection(name, options) {
      if (name === '$MESSAGES_COLLECTION$' && options && Array.isArray(options.indices) && options.indices.indexOf('expirationTime') === -1) {
        options = Object.assign({}, options, { indices: options.indices.concat(['expirationTime']) });
      }
      return originalAddCollection.call(this, name, options);
    };
  }

  console.log('[hub] azurite-lokijs-fixes: LokiJS removes of 0 or 1 document and array updates no longer re-sort every index; ' +
    'lookups by several keys start from the narrowest index.');
})();
