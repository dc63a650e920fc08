import { ulid } from 'ulid';
import type { Prng } from '../../../src/server/demo/prng';
import { derivePersonKey } from '../../../src/shared/person-key';
import { reverse, type Person } from '../../../src/shared/person';
import { MAX_BATCH } from '../../../src/shared/sync-protocol';
import { DEFAULT_LIMITS } from '../../../src/server/http/request-limits';
import { freshAudit, freshPerson, OTHER_CITY, type FuzzWorld, type WorldDevice } from './fuzz-world';
import { deepJson, DEPTHS, hostileJson, hugeString, jsonPaths, getPath, PROTO_OBJECTS, replaceAtPath, UNICODE_EDGES, withExtraKey, wrongTypeJson } from './hostile-values';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

export interface FuzzRequest {
  /** Generator branch, for the tally and for reading a failure. */
  readonly kind: string;
  readonly method: Method;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Statuses this request may get (absent: any below 500). */
  readonly expect?: readonly number[];
  /** Error code it must get when it is refused. */
  readonly expectCode?: readonly string[];
  /** A doc the server may store if it accepts the request (fresh id; checked to be stored exactly as sent). */
  readonly mayCreate?: { readonly collection: 'persons' | 'audit'; readonly id: string; readonly json: string };
  /** Device whose scope every pulled document must be in (a 200 pull). */
  readonly pullScope?: WorldDevice;
  /** A deliberate well-formed request that changes state (its effects are kept out of the comparison). */
  readonly control?: boolean;
}

const P = '/api/v1';
const JSON_CT = { 'content-type': 'application/json' };
const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, 'x-shebao-protocol': '1' });
const rowJson = (assumed: unknown, next: unknown): string => JSON.stringify({ assumedMasterState: assumed, newDocumentState: next });
const batch = (rows: readonly string[]): string => `[${rows.join(',')}]`;

type Gen = (rng: Prng, w: FuzzWorld) => FuzzRequest;

const liveDevice = (rng: Prng, w: FuzzWorld): WorldDevice => rng.pick([w.hx, w.xq, w.other]);
const tjDevice = (rng: Prng, w: FuzzWorld): WorldDevice => rng.pick([w.hx, w.xq]);

/** A valid push of one fresh person (used with a bad token, protocol or as a control). */
function freshPush(dev: WorldDevice): { body: string; person: Person } {
  const person = freshPerson(dev);
  return { body: batch([rowJson(null, person)]), person };
}

const PATHS: readonly string[] = [
  '/', '/api', '/api/', P, `${P}/`, `${P}/health`, `${P}/time`, `${P}/policy-keys`, `${P}/devices/enrol`, `${P}/devices`,
  `${P}/sync/persons/pull`, `${P}/sync/audit/push`, `${P}/sync/conflicts/push`, `${P}/sync/packs/push`, `${P}/sync/%00/pull`,
  `${P}/sync/__proto__/pull`, `${P}/sync/constructor/push`, `${P}/sync/persons/../audit/pull`, `${P}/sync/persons%2Fpull`,
  `${P}/sync/PERSONS/pull`, `${P}//sync/persons/pull`, '/api/v2/health', '/api/v0/sync/persons/pull', `${P}/sync/stream/extra`,
  `/${'a'.repeat(8_000)}`, `${P}/sync/${'p'.repeat(3_000)}/pull`, '/%E4%BA%BA/%ED%A0%80', '/index.html', '/..%2f..%2fetc%2fpasswd',
  `${P}/sync/persons/pull?xid=1&seq=1&xid=2`, `${P}/health?__proto__[x]=1`, '/assets/../../package.json',
];

const genRoute: Gen = (rng, w) => {
  const method = rng.pick<Method>(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
  let url = rng.pick(PATHS);
  // A live token with v=1 on the stream would open an SSE connection: the stream is fuzzed in genStream.
  const token = rng.pick([w.hx.token, w.revokedToken, 'nope']);
  if (url.includes('/sync/stream')) url = `${url}?token=${w.revokedToken}&v=1`;
  const headers: Record<string, string> = rng.chance(0.5) ? auth(token) : {};
  if (rng.chance(0.3)) headers.origin = rng.pick(['app://shebao', 'https://evil.example', 'null']);
  if (method === 'GET' || method === 'HEAD' || rng.chance(0.3)) return { kind: 'route', method, url, headers };
  return { kind: 'route', method, url, headers: { ...headers, ...JSON_CT }, body: hostileJson(rng) };
};

const BAD_AUTH = (w: FuzzWorld, rng: Prng): string | null => {
  const t = w.hx.token;
  return rng.pick<string | null>([
    null, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Bearer ${w.revokedToken}`, `Token ${t}`, `Bearer ${t}x`,
    `Bearer ${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`, `Bearer ${t} extra`, `Bearer ${t},Bearer ${t}`, `Bearer ${'a'.repeat(201)}`,
    `Bearer ${'b'.repeat(10_000)}`, 'Bearer null', 'Bearer undefined', `Bearer ${'A'.repeat(43)}`, `Bearer ${t.toUpperCase()}`,
    `Bearer%20${t}`, 'Bearer ../../../../etc/passwd', "Bearer ' OR 1=1 --",
  ]);
};

const genAuth: Gen = (rng, w) => {
  const a = BAD_AUTH(w, rng);
  const headers: Record<string, string> = { 'x-shebao-protocol': '1', ...(a === null ? {} : { authorization: a }) };
  const target = rng.int(0, 3);
  const expect = { expect: [401], expectCode: ['auth.missing', 'auth.invalid'] };
  if (target === 0) return { kind: 'auth.pull', method: 'GET', url: `${P}/sync/${rng.pick(['persons', 'audit', 'conflicts', 'packs'])}/pull`, headers, ...expect };
  if (target === 1) return { kind: 'auth.policyKeys', method: 'GET', url: `${P}/policy-keys`, headers, ...expect };
  // A perfectly valid batch: only the credentials are wrong, so nothing may be stored.
  if (target === 2) return { kind: 'auth.push', method: 'POST', url: `${P}/sync/persons/push`, headers: { ...headers, ...JSON_CT }, body: freshPush(w.hx).body, ...expect };
  const ev = freshAudit(w.hx, rng.pick(w.persons).id);
  return { kind: 'auth.pushAudit', method: 'POST', url: `${P}/sync/audit/push`, headers: { ...headers, ...JSON_CT }, body: batch([rowJson(null, ev)]), ...expect };
};

const genProtocol: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  const v = rng.pick<string | null>([null, '', '0', '2', '1.0', '01', 'v1', '-1', '999999999999', 'true', 'null', '[1]', '1;1', '0x1', '1e0']);
  const headers: Record<string, string> = { authorization: `Bearer ${dev.token}`, ...(v === null ? {} : { 'x-shebao-protocol': v }) };
  const expect = { expect: [426], expectCode: ['protocol.version'] };
  if (rng.chance(0.5)) return { kind: 'protocol.push', method: 'POST', url: `${P}/sync/persons/push`, headers: { ...headers, ...JSON_CT }, body: freshPush(dev).body, ...expect };
  return { kind: 'protocol.pull', method: 'GET', url: `${P}/sync/persons/pull`, headers, ...expect };
};

/** `json`: the body is an empty JSON batch the server may legitimately parse (a no-op 200). */
const NOT_JSON: readonly { ct?: string; body: string; json?: true }[] = [
  { ct: 'text/plain', body: '[]' },
  { ct: 'application/x-www-form-urlencoded', body: 'a=1&b=2' },
  { ct: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
  { ct: 'application/octet-stream', body: '\u0000\u0001\u0002' },
  { ct: 'application/xml', body: '<a/>' },
  { body: '[]', json: true },
  { ct: 'application/json', body: '' },
  { ct: 'application/json', body: '[' },
  { ct: 'application/json', body: '{"a":' },
  { ct: 'application/json', body: '[{"assumedMasterState":null,' },
  { ct: 'application/json', body: '\ufeff[]', json: true },
  { ct: 'application/json', body: '[] trailing' },
  { ct: 'application/json', body: "[{'a':1}]" },
  { ct: 'application/json', body: '[NaN]' },
  { ct: 'application/json', body: '[undefined]' },
  { ct: 'application/json', body: '[1,]' },
  { ct: 'application/json', body: '"\\ud800' },
  { ct: 'application/json', body: 'null' },
  { ct: 'application/json', body: 'true' },
  { ct: 'application/json', body: '12' },
  { ct: 'application/json', body: '"[]"' },
  { ct: 'application/json', body: '{}' },
  { ct: 'application/json; charset=utf-16', body: '[]', json: true },
  { ct: 'application/jsonx', body: '[]' },
  { ct: 'json', body: '[]' },
];

const genNotJson: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  const c = rng.pick(NOT_JSON);
  const ct: Record<string, string> = c.ct === undefined ? {} : { 'content-type': c.ct };
  if (rng.chance(0.25)) return { kind: 'notJson.enrol', method: 'POST', url: `${P}/devices/enrol`, headers: ct, body: c.body, expect: [400, 415] };
  const col = rng.pick(['persons', 'audit']);
  return { kind: 'notJson.push', method: 'POST', url: `${P}/sync/${col}/push`, headers: { ...auth(dev.token), ...ct }, body: c.body, expect: c.json ? [200, 400, 415] : [400, 415] };
};

/** An exact push row of a stored doc (a no-op if sent as is) with its pushing device. */
function storedRow(rng: Prng, w: FuzzWorld): { collection: 'persons' | 'audit' | 'records'; token: string; row: { assumedMasterState: unknown; newDocumentState: unknown } } {
  const p = rng.pick(w.pushes);
  return { collection: p.collection, token: p.token, row: rng.pick(p.rows) };
}

/** Wrong JSON type at every level of a push of stored docs: envelope, row, row keys, fields, nested fields. */
const genWrongType: Gen = (rng, w) => {
  const { collection, token, row } = storedRow(rng, w);
  const body = [row];
  const paths = jsonPaths(body).filter((p) => !(p.length === 2 && p[1] === 'assumedMasterState'));
  const path = rng.pick(paths);
  const original = getPath(body, path);
  const raw = rng.chance(0.8) ? wrongTypeJson(rng, original) : rng.chance(0.5) ? deepJson(rng, rng.pick(DEPTHS)) : rng.pick(PROTO_OBJECTS);
  return {
    kind: `wrongType.${collection}.depth${path.length}`,
    method: 'POST',
    url: `${P}/sync/${collection}/push`,
    headers: { ...auth(token), ...JSON_CT },
    body: replaceAtPath(body, path, raw),
    expect: [400, 422],
  };
};

/** Extra or missing keys, prototype keys and hostile values as additional fields. */
const genShape: Gen = (rng, w) => {
  const { collection, token, row } = storedRow(rng, w);
  const doc = row.newDocumentState as Record<string, unknown>;
  const k = rng.int(0, 3);
  let rowText: string;
  const dropped = rng.pick(Object.keys(doc));
  if (k === 0) rowText = rowJson(null, Object.fromEntries(Object.entries(doc).filter(([key]) => key !== dropped)));
  else if (k === 1) rowText = `{"assumedMasterState":null,"newDocumentState":${withExtraKey(doc, JSON.stringify(rng.pick(['__proto__', 'constructor', 'prototype', 'extra', '', 'id '])), hostileJson(rng))}}`;
  else if (k === 2) rowText = withExtraKey({ assumedMasterState: null, newDocumentState: doc }, rng.pick(['"__proto__"', '"constructor"', '"x"']), hostileJson(rng));
  else rowText = rng.pick(['{}', '{"newDocumentState":null}', '{"assumedMasterState":null}', JSON.stringify({ newDocumentState: doc }).replace('{', '{"assumedMasterState":5,')]);
  // Finding (reported): audit and records pushes ignore assumedMasterState, so `5` there is not refused; the row is an exact replay (a no-op).
  const expect = k === 3 && collection !== 'persons' && rowText.startsWith('{"assumedMasterState":5') ? [200, 400, 422] : [400, 422];
  return { kind: `shape.${collection}.${k}`, method: 'POST', url: `${P}/sync/${collection}/push`, headers: { ...auth(token), ...JSON_CT }, body: batch([rowText]), expect };
};

const STRING_FIELDS = ['name', 'notes', 'archiveLocation'] as const;

/** Fresh person or audit event with unicode edge strings or long strings: may be accepted, then it must be stored exactly. */
const genUnicode: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  const s = rng.chance(0.85) ? rng.pick(UNICODE_EDGES) : 'y'.repeat(rng.pick([49, 50, 51, 199, 200, 201, 1_999, 2_000, 2_001, 100_000]));
  if (rng.chance(0.3)) {
    const ev = { ...freshAudit(dev, rng.pick(w.persons).id), staffName: s };
    const json = JSON.stringify(ev);
    return { kind: 'unicode.audit', method: 'POST', url: `${P}/sync/audit/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: `[{"assumedMasterState":null,"newDocumentState":${json}}]`, expect: [200, 400, 422], mayCreate: { collection: 'audit', id: ev.id, json } };
  }
  const p = freshPerson(dev);
  const field = rng.pick([...STRING_FIELDS, 'address.detail']);
  const person = field === 'address.detail' ? { ...p, address: { ...p.address, detail: s } } : { ...p, [field]: s };
  const json = JSON.stringify(person);
  return { kind: `unicode.person.${field}`, method: 'POST', url: `${P}/sync/persons/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: `[${rowJson(null, person)}]`, expect: [200, 400, 422], mayCreate: { collection: 'persons', id: person.id, json } };
};

/** 1–6 MB fields in a push or an enrolment. */
const genHuge: Gen = (rng, w) => {
  const mb = rng.int(1, 6);
  if (rng.chance(0.3)) {
    const body = { stationCode: 'HX01', enrolmentCode: '100001', deviceName: 'x', [rng.pick(['stationCode', 'enrolmentCode', 'deviceName'])]: hugeString(mb) };
    return { kind: `huge.enrol.${mb}MB`, method: 'POST', url: `${P}/devices/enrol`, headers: JSON_CT, body: JSON.stringify(body), expect: [400, 413] };
  }
  const dev = liveDevice(rng, w);
  const person = { ...freshPerson(dev), [rng.pick(STRING_FIELDS)]: hugeString(mb) };
  return { kind: `huge.push.${mb}MB`, method: 'POST', url: `${P}/sync/persons/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: batch([rowJson(null, person)]), expect: [413, 422] };
};

/** Deep nesting and prototype keys as whole bodies, rows and documents. */
const genDeep: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  const raw = rng.chance(0.6) ? deepJson(rng, rng.pick(DEPTHS)) : rng.pick(PROTO_OBJECTS);
  const body = rng.pick([raw, `[${raw}]`, `[{"assumedMasterState":null,"newDocumentState":${raw}}]`, `[{"assumedMasterState":${raw},"newDocumentState":${JSON.stringify(rng.pick(w.persons))}}]`]);
  const col = rng.pick(['persons', 'audit']);
  return { kind: 'deep', method: 'POST', url: `${P}/sync/${col}/push`, headers: { ...auth(dev.token), ...JSON_CT }, body, expect: [400, 422] };
};

const genBatch: Gen = (rng, w) => {
  const { collection, token, row } = storedRow(rng, w);
  const n = rng.pick([MAX_BATCH + 1, MAX_BATCH + 2, 1_000, 2_000]);
  return { kind: 'batch.tooLarge', method: 'POST', url: `${P}/sync/${collection}/push`, headers: { ...auth(token), ...JSON_CT }, body: batch(Array.from({ length: n }, () => JSON.stringify(row))), expect: [413], expectCode: ['batch.tooLarge'] };
};

/** Other city's key, station, stored docs; audit naming another city's station. */
const genOtherCity: Gen = (rng, w) => {
  const k = rng.int(0, 5);
  const tj = tjDevice(rng, w);
  const push = (kind: string, token: string, col: string, rows: string[]): FuzzRequest => ({ kind: `otherCity.${kind}`, method: 'POST', url: `${P}/sync/${col}/push`, headers: { ...auth(token), ...JSON_CT }, body: batch(rows), expect: [422] });
  if (k === 0) {
    // Tianjin station, but the key derived with the other city's secret.
    const p = freshPerson(tj);
    return push('foreignKey', tj.token, 'persons', [rowJson(null, { ...p, id: derivePersonKey(w.other.secret, p.idType, p.idNumber) })]);
  }
  if (k === 1) return push('storedForeign', tj.token, 'persons', [rowJson(rng.chance(0.5) ? null : rng.pick(w.otherPersons), rng.pick(w.otherPersons))]);
  if (k === 2) return push('foreignStation', tj.token, 'persons', [rowJson(null, { ...freshPerson(tj), stationId: w.other.author.stationId })]);
  if (k === 3) return push('tjIntoOther', w.other.token, 'persons', [rowJson(null, rng.pick(w.persons))]);
  if (k === 4) return push('auditForeignStation', tj.token, 'audit', [rowJson(null, { ...freshAudit(w.other, rng.pick(w.otherPersons).id) })]);
  return push('auditTjFromOther', w.other.token, 'audit', [rowJson(null, rng.pick(w.audit.filter((a) => a.stationId !== w.other.author.stationId)))]);
};

const BAD_IDS: readonly string[] = ['12010419800101001', '1201041980010100123', '12010419800101001A', '120104198002300012', '120104209901010015', '12010419800101001x', ' 120104198001010012', '000000000000000000', '１２０１０４１９８００１０１００１２', 'AB1234567', ''];

const genInvalidId: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  const idNumber = rng.pick(BAD_IDS);
  const p = freshPerson(dev);
  // Only types whose numbers carry a GB 11643 structure: a passport number like 'AB1234567' is valid.
  const idType = rng.pick(['resident', 'nope']);
  let id = p.id;
  try {
    id = derivePersonKey(dev.secret, idType as Person['idType'], idNumber);
  } catch {
    // keep the fresh id: the number is refused anyway
  }
  const person = { ...p, id, idType, idNumber, idRev: reverse(idNumber) };
  return { kind: 'invalidId', method: 'POST', url: `${P}/sync/persons/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: batch([rowJson(null, person)]), expect: [422] };
};

const genAssumedMismatch: Gen = (rng, w) => {
  const a = rng.pick(w.persons);
  const b = rng.pick(w.persons.filter((p) => p.id !== a.id));
  const dev = tjDevice(rng, w);
  return { kind: 'assumedMismatch', method: 'POST', url: `${P}/sync/persons/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: batch([rowJson(a, b)]), expect: [422], expectCode: ['person.invalid'] };
};

/** Rewriting another device's stored audit event: answered with the stored event in conflicts, never overwritten. */
const genAuditRewrite: Gen = (rng, w) => {
  const dev = tjDevice(rng, w);
  const stored = rng.pick(w.audit.filter((a) => a.stationId !== w.other.author.stationId));
  const forged = { ...stored, deviceId: dev.author.deviceId, action: stored.action === 'create' ? 'update' : 'create', fields: ['name', 'notes'] };
  return { kind: 'auditRewrite', method: 'POST', url: `${P}/sync/audit/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: batch([rowJson(null, forged)]), expect: [200] };
};

const BAD_CP: readonly string[] = ['0123', '08', '00', '-1', '-0', '1e3', '0x10', '1.5', '123456789012345678901', '18446744073709551616', '', ' 1', '%00', 'abc', '1%20', 'NaN', 'Infinity', '1,2', '%E4%BA%BA'];
const BAD_LIMIT: readonly string[] = ['0', '-1', '501', '1000000000', 'abc', '', '1.0', '1e2', '99999', ' 5', '%00', '0x10'];

const genPull: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  const col = rng.pick(['persons', 'audit', 'conflicts', 'packs', 'records']);
  const base = `${P}/sync/${col}/pull`;
  const k = rng.int(0, 6);
  const bad = (q: string): FuzzRequest => ({ kind: `pull.bad${k}`, method: 'GET', url: `${base}?${q}`, headers: auth(dev.token), expect: [400], expectCode: ['request.invalid'] });
  if (k === 0) return bad(`xid=${rng.digits(rng.int(1, 19))}`);
  if (k === 1) return bad(`seq=${rng.digits(rng.int(1, 19))}`);
  if (k === 2) return bad(`xid=${rng.pick(BAD_CP)}&seq=${rng.digits(3)}`);
  if (k === 3) return bad(`xid=${rng.digits(3)}&seq=${rng.pick(BAD_CP)}`);
  if (k === 4) return bad(`limit=${rng.pick(BAD_LIMIT)}`);
  if (k === 5) return bad(rng.pick(['limit=1&limit=2', 'xid=1&seq=1&xid=2', 'foo=1', '__proto__=1', 'constructor[prototype][x]=1', 'xid[]=1&seq[]=1', 'limit[$gt]=1']));
  const num = (): string => BigInt(rng.digits(rng.int(1, 18))).toString();
  const cp = rng.chance(0.7) ? `xid=${num()}&seq=${num()}&` : '';
  return { kind: 'pull.ok', method: 'GET', url: `${base}?${cp}limit=${String(rng.int(1, MAX_BATCH))}`, headers: auth(dev.token), expect: [200], pullScope: dev };
};

const genUnknownCollection: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  const col = rng.pick(['people', 'Persons', 'docs', 'devices', 'stations', '__proto__', 'constructor', 'hasOwnProperty', 'toString', '..', '%2e%2e', 'persons%00']);
  const push = rng.chance(0.5);
  return {
    kind: 'collection.unknown',
    method: push ? 'POST' : 'GET',
    url: `${P}/sync/${col}/${push ? 'push' : 'pull'}`,
    headers: { ...auth(dev.token), ...JSON_CT },
    ...(push ? { body: '[]' } : {}),
    expect: [404],
  };
};

const genReadOnly: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  return { kind: 'collection.readOnly', method: 'POST', url: `${P}/sync/packs/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: batch([rowJson(null, rng.pick(w.persons))]), expect: [403], expectCode: ['collection.readOnly'] };
};

/** A person pushed as a conflict resolution (ADR 019: devices may push conflicts only to resolve them). */
const genConflictPush: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  return { kind: 'conflict.invalid', method: 'POST', url: `${P}/sync/conflicts/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: batch([rowJson(null, rng.pick(w.persons))]), expect: [422], expectCode: ['conflict.invalid'] };
};

/** The SSE stream with every bad token/version combination (never a live token with v=1: that would open a stream). */
const genStream: Gen = (rng, w) => {
  const live = liveDevice(rng, w).token;
  const q = rng.pick([
    `token=${w.revokedToken}&v=1`, 'v=1', 'token=&v=1', `token=${'c'.repeat(201)}&v=1`, `token=${live}&v=2`, `token=${live}`, `token=${live}&v=`,
    `token=${live}&v=1&x=1`, `token=${live}&token=${live}&v=1`, `token=abc&v=1`, `token=${live}&v=${'1'.repeat(11)}`, '__proto__[v]=1', `token[]=${live}&v=1`, '',
  ]);
  return { kind: 'stream', method: 'GET', url: `${P}/sync/stream?${q}`, headers: {}, expect: [400, 401, 426] };
};

const genEnrol: Gen = (rng) => {
  const k = rng.int(0, 9);
  // Over the small-JSON limit (64 KB) enrolment refuses the body before parsing it: 413 (ADR 020).
  const send = (body: string, expect: number[]): FuzzRequest => ({
    kind: `enrol.${k}`, method: 'POST', url: `${P}/devices/enrol`, headers: JSON_CT, body,
    expect: Buffer.byteLength(body) > DEFAULT_LIMITS.smallBodyBytes ? [413] : expect,
  });
  // Bad codes for real stations cost one scrypt each (≈50 ms): rare.
  if (k === 0 && rng.chance(0.3)) return send(JSON.stringify({ stationCode: rng.pick(['HX01', 'xq01', ` ${OTHER_CITY.stationCode} `]), enrolmentCode: rng.pick(['200003', '000000', '100001 1', '１００００１', "' OR 1=1 --"]), deviceName: 'x' }), [403]);
  // '\u0000' cannot reach PostgreSQL text: 400 (fixed by the fuzzer, was 500); the others are unknown stations.
  if (k <= 2) return send(JSON.stringify({ stationCode: rng.pick(['ZZ99', 'HX01%', "HX01' --", '\u0000', '_', 'HX0_', '%']), enrolmentCode: '100001', deviceName: 'x' }), [400, 404]);
  if (k <= 5) {
    const base: Record<string, unknown> = { stationCode: 'HX01', enrolmentCode: '100001', deviceName: 'fuzz' };
    const path = [rng.pick(Object.keys(base))];
    return send(replaceAtPath(base, path, rng.chance(0.7) ? wrongTypeJson(rng, 'x') : jsonString21(rng)), [400]);
  }
  if (k === 6) return send(withExtraKey({ stationCode: 'HX01', enrolmentCode: '100001', deviceName: 'x' }, rng.pick(['"__proto__"', '"constructor"', '"admin"']), hostileJson(rng)), [400]);
  if (k === 7) return send(rng.pick(['{}', '[]', 'null', '{"stationCode":"HX01"}', '{"stationCode":"","enrolmentCode":"","deviceName":""}', '{"stationCode":"   ","enrolmentCode":"1","deviceName":"x"}']), [400]);
  return send(hostileJson(rng), [400]);
};

/** Strings over the enrolment field limits (stationCode ≤ 20, enrolmentCode ≤ 64, deviceName ≤ 100). */
const jsonString21 = (rng: Prng): string => JSON.stringify('H'.repeat(rng.pick([101, 1_000, 100_000])));

/** Exact replays of stored pushes, by their own device or another of the city: idempotent no-ops. */
const genReplay: Gen = (rng, w) => {
  const p = rng.pick(w.pushes);
  const rows = p.rows.filter(() => rng.chance(0.6));
  // Records and audit events name their device: another device's replay is refused (scope, ADR 020), so only persons.
  const fromOther = p.token !== w.other.token && p.collection === 'persons' && rng.chance(0.3);
  const token = fromOther ? (p.token === w.hx.token ? w.xq.token : w.hx.token) : p.token;
  return { kind: 'replay', method: 'POST', url: `${P}/sync/${p.collection}/push`, headers: { ...auth(token), ...JSON_CT }, body: JSON.stringify(rows.length > 0 ? rows : p.rows), expect: [200] };
};

/** Well-formed writes mixed in: they must succeed (the server still works under attack); their ids are excluded from the comparison. */
const genControl: Gen = (rng, w) => {
  const dev = liveDevice(rng, w);
  const person = freshPerson(dev);
  if (rng.chance(0.5)) {
    return { kind: 'control.person', method: 'POST', url: `${P}/sync/persons/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: batch([rowJson(null, person)]), expect: [200], control: true, mayCreate: { collection: 'persons', id: person.id, json: JSON.stringify(person) } };
  }
  const ev = freshAudit(dev, person.id);
  return { kind: 'control.audit', method: 'POST', url: `${P}/sync/audit/push`, headers: { ...auth(dev.token), ...JSON_CT }, body: batch([rowJson(null, ev)]), expect: [200], control: true, mayCreate: { collection: 'audit', id: ev.id, json: JSON.stringify(ev) } };
};

export const genControlEnrol: Gen = (rng) => {
  const [stationCode, enrolmentCode] = rng.pick([['HX01', '100001'], ['XQ01', '200002']] as const);
  return { kind: 'control.enrol', method: 'POST', url: `${P}/devices/enrol`, headers: JSON_CT, body: JSON.stringify({ stationCode, enrolmentCode, deviceName: `fuzz ${ulid()}` }), expect: [201], control: true };
};

/** Weighted branches; weights are per mille of the requests. */
export const BRANCHES: readonly (readonly [Gen, number])[] = [
  [genRoute, 80], [genAuth, 100], [genProtocol, 60], [genNotJson, 70], [genWrongType, 150], [genShape, 60], [genUnicode, 60],
  [genHuge, 3], [genDeep, 20], [genBatch, 8], [genOtherCity, 70], [genInvalidId, 40], [genAssumedMismatch, 25], [genAuditRewrite, 25],
  [genPull, 90], [genUnknownCollection, 15], [genReadOnly, 8], [genConflictPush, 7], [genStream, 30], [genEnrol, 30], [genReplay, 30], [genControl, 18],
];

const TOTAL = BRANCHES.reduce((s, [, n]) => s + n, 0);

export function nextRequest(rng: Prng, w: FuzzWorld): FuzzRequest {
  let r = rng.int(0, TOTAL - 1);
  for (const [gen, n] of BRANCHES) {
    if (r < n) return gen(rng, w);
    r -= n;
  }
  return genControl(rng, w);
}
