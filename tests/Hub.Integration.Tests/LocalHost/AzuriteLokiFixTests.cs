using System.Diagnostics;
using Hub.LocalHost.Azurite;
using Hub.Testing;

namespace Hub.Integration.Tests.LocalHost;

/// <summary>
/// The LokiJS fixes preloaded into Azurite (tools/Hub.LocalHost/Azurite/azurite-lokijs-fixes.js) change speed only: the
/// same random operations leave the same documents and answer every query and entity lookup the same, with every index
/// consistent — while removing 0 or 1 document and updating an array no longer re-sort the indices.
/// </summary>
public sealed class AzuriteLokiFixTests
{
    // Random inserts, updates (one and arrays), removes (none, one, several; by document, array, id and findAndRemove),
    // mimicking Azurite's queue collection; prints the state and query answers (as sorted ids) and the index rebuilds.
    // Only the order of equal index values may differ (LokiJS's in-place path keeps them in another order than a
    // re-sort); every limit Azurite applies follows a sort on unique keys, and so does this script's.
    private const string Script = """
        process.argv[1] = process.env.HUB_AZURITE_SCRIPT; // the fix resolves lokijs from Azurite's script
        if (process.env.HUB_FIX) require(process.env.HUB_FIX);
        const Loki = require(process.env.HUB_LOKIJS);
        let seed = 12345; // mulberry32: the same sequence in both runs
        const rnd = n => { seed |= 0; seed = (seed + 0x6D2B79F5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
          t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n); };
        const db = new Loki('t.db');
        const coll = db.addCollection('$MESSAGES_COLLECTION$', { indices: ['accountName', 'queueName', 'messageId', 'visibleTime'] }); // as Azurite's
        let rebuilds = 0;
        const ensureIndex = coll.ensureIndex;
        coll.ensureIndex = function (p, force) { if (force || this.binaryIndices[p] === undefined || this.binaryIndices[p].dirty) rebuilds++; return ensureIndex.call(this, p, force); };
        let next = 0;
        const doc = () => ({ accountName: 'acct' + rnd(3), queueName: 'q' + rnd(4), messageId: 'm' + (next++), timeNextVisible: rnd(1000), expirationTime: rnd(100000), n: rnd(100) });
        const received = [];
        for (let i = 0; i < 300; i++) coll.insert(doc());
        const base = rebuilds;
        let cheapOps = 0, cheapRebuilds = 0;
        const messageLookups = [];
        for (let step = 0; step < 3000; step++) {
          // As Azurite looks a message up (delete, update): by account, queue and id.
          const m = coll.findOne({ accountName: 'acct' + rnd(3), queueName: 'q' + rnd(4), messageId: 'm' + (next - 1 - rnd(Math.min(next, 400))) + (rnd(4) === 0 ? 'u' : '') });
          messageLookups.push(m ? m.$loki : 0);
          if (rnd(1500) === 0) coll.findAndRemove({ accountName: 'acct' + rnd(3), queueName: 'q' + rnd(4) }); // a queue cleared
          // As Azurite does before every queue operation (clearExpiredMessages), then a receive (getMessages).
          const [acct, queue, now] = ['acct' + rnd(3), 'q' + rnd(4), step * 3];
          coll.remove(coll.chain().find({ accountName: acct, queueName: queue, expirationTime: { $lte: now } }).data());
          const got = coll.chain().find({ accountName: acct, queueName: queue, timeNextVisible: { $lte: rnd(1000) } })
            .compoundsort([['timeNextVisible', false], ['$loki', false]]).limit(rnd(4)).data();
          for (const d of got) d.timeNextVisible += 500;
          coll.update(got);
          received.push(got.map(d => d.$loki).join('+'));
          const all = coll.find();
          const pick = () => all[rnd(all.length)];
          const before = rebuilds;
          let cheap = true;
          switch (rnd(12)) {
            case 0: case 1: case 2: case 3: case 4: coll.insert(doc()); break;
            case 5: coll.remove([]); break;
            case 6: if (all.length) coll.remove([pick()]); break;
            case 7: if (all.length) coll.remove(pick()); break;
            case 8: if (all.length) coll.findAndRemove({ messageId: pick().messageId }); break;
            case 9: coll.chain().find({ accountName: 'acct' + rnd(3), queueName: 'q' + rnd(4), timeNextVisible: { $lte: rnd(60) } }).remove(); cheap = false; break;
            case 10: { const d = all.length ? pick() : null; if (d) { d.timeNextVisible = rnd(1000); d.queueName = 'q' + rnd(4); coll.update(d); } break; }
            default: {
              const docs = coll.chain().find({ accountName: 'acct' + rnd(3) }).find({ queueName: 'q' + rnd(4) }).simplesort('messageId').limit(rnd(5)).data();
              for (const d of docs) { d.timeNextVisible = rnd(1000); d.messageId = d.messageId + 'u'; }
              coll.update(docs);
            }
          }
          if (cheap) { cheapOps++; cheapRebuilds += rebuilds - before; }
        }
        const ids = r => r.map(d => d.$loki).sort((a, b) => a - b).join(',');
        const out = { count: coll.count(), docs: ids(coll.find()) };
        for (let a = 0; a < 3; a++) for (let q = 0; q < 4; q++)
          out['a' + a + 'q' + q] = ids(coll.find({ accountName: 'acct' + a, queueName: 'q' + q, timeNextVisible: { $lte: 500 } }));
        for (let v = 0; v < 1000; v += 97) out['vis' + v] = ids(coll.find({ timeNextVisible: { $gte: v } }));
        out.byId = ids(coll.find({ messageId: { $regex: /5u*$/ } }));
        out.messageLookups = messageLookups.join(',');
        out.received = received.join(',');
        out.counts = [0, 1, 2].map(a => [0, 1, 2, 3].map(q => coll.count({ accountName: 'acct' + a, queueName: 'q' + q })).join('/')).join(' ');
        out.state = JSON.stringify(coll.find().map(d => [d.$loki, d.accountName, d.queueName, d.messageId, d.timeNextVisible, d.expirationTime, d.n]).sort((x, y) => x[0] - y[0]));
        out.badIndexes = coll.checkAllIndexes({ repair: false }).join(',');

        // A table's entities, as Azurite keeps them: (PartitionKey, RowKey) unique, partitions from 1 to ~2,000 entities.
        const table = db.addCollection('entities', { indices: ['PartitionKey', 'RowKey'] });
        let rowKeyRanges = 0, inLookup = false; // only the fixed lookup looks at the RowKey index
        const calculateRange = table.calculateRange;
        table.calculateRange = function (op, prop, val) { if (inLookup && prop === 'RowKey') rowKeyRanges++; return calculateRange.call(this, op, prop, val); };
        const key = () => { const big = rnd(3) > 0; return { PartitionKey: big ? 'sub-' + rnd(2) : 'm' + rnd(300), RowKey: big ? 'r' + rnd(1500) : ['member', 'op:1', 'tl:1'][rnd(3)] }; };
        const lookups = [];
        for (let step = 0; step < 6000; step++) {
          const k = key();
          inLookup = true;
          const found = table.findOne(k);
          inLookup = false;
          switch (rnd(4)) {
            case 0: case 1: if (!found) table.insert({ ...k, v: step }); break;
            case 2: if (found) { found.v = step; table.update(found); } break;
            default: if (found) table.remove(found);
          }
          lookups.push(found ? found.$loki : 0);
        }
        out.lookups = lookups.join(',');
        out.tableState = JSON.stringify(table.find().map(d => [d.$loki, d.PartitionKey, d.RowKey, d.v]).sort((x, y) => x[0] - y[0]));
        out.tableBadIndexes = table.checkAllIndexes({ repair: false }).join(',');
        out.missing = [table.findOne({ PartitionKey: 'nope', RowKey: 'member1' }), table.findOne({ PartitionKey: 'sub-0', RowKey: 'zzz' })].join(',');
        console.log(JSON.stringify({ out, cheapOps, cheapRebuilds, rowKeyRanges }));
        """;

    [Fact]
    public async Task Same_results_and_consistent_indices_with_and_without_the_fix_and_no_index_rebuilds_for_small_changes()
    {
        var without = await RunAsync(fix: false);
        var with = await RunAsync(fix: true);

        Assert.Equal(without.GetProperty("out").GetRawText(), with.GetProperty("out").GetRawText());
        Assert.Equal("", with.GetProperty("out").GetProperty("badIndexes").GetString());
        Assert.Equal("", with.GetProperty("out").GetProperty("tableBadIndexes").GetString());
        Assert.Contains(with.GetProperty("out").GetProperty("lookups").GetString()!.Split(','), id => id != "0");
        Assert.Contains(with.GetProperty("out").GetProperty("messageLookups").GetString()!.Split(','), id => id != "0");
        Assert.Contains(with.GetProperty("out").GetProperty("received").GetString()!.Split(','), ids => ids.Contains('+'));
        Assert.True(with.GetProperty("out").GetProperty("count").GetInt32() > 100, "the run should keep a sizeable collection");
        // Unpatched, nearly every small change re-sorts all four indices; patched, none does.
        Assert.True(without.GetProperty("cheapRebuilds").GetInt32() > without.GetProperty("cheapOps").GetInt32());
        Assert.Equal(0, with.GetProperty("cheapRebuilds").GetInt32());
        // Entity lookups narrow by whichever key index gives the shorter range (unfixed: always PartitionKey).
        Assert.Equal(0, without.GetProperty("rowKeyRanges").GetInt32());
        Assert.True(with.GetProperty("rowKeyRanges").GetInt32() > 1000);
    }

    [Fact]
    public async Task Azurite_started_by_the_local_host_loads_the_fix()
    {
        var azurite = await AzuriteInstance.Shared;
        Assert.Contains("[hub] azurite-lokijs-fixes: LokiJS", azurite.Output);
        Assert.DoesNotContain("runs unpatched", azurite.Output);
    }

    private static async Task<System.Text.Json.JsonElement> RunAsync(bool fix)
    {
        var dir = Directory.CreateTempSubdirectory("hub-lokifix-").FullName;
        try
        {
            var script = Path.Combine(dir, "run.js");
            await File.WriteAllTextAsync(script, Script);
            var psi = new ProcessStartInfo("node", [script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.Environment["HUB_AZURITE_SCRIPT"] = RepoPaths.Combine("node_modules", "azurite", "dist", "src", "azurite.js");
            psi.Environment["HUB_LOKIJS"] = RepoPaths.Combine("node_modules", "lokijs");
            psi.Environment["HUB_FIX"] = fix ? AzuriteProcess.WriteLokiJsFixes() : "";
            using var node = Process.Start(psi)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(node.ExitCode == 0, await stderr);
            var last = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            return System.Text.Json.JsonDocument.Parse(last).RootElement.Clone();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
