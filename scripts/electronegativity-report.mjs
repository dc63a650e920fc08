// Electronegativity reports for scripts/check-electron.mjs (ADR 020): our
// SARIF writer, and a reader for CSV (ours or the electronegativity CLI's) and
// SARIF reports, so an existing report can be gated with `--report`.
import { readFileSync } from 'node:fs';

export function toSarif(rows) {
  return {
    $schema: 'http://json.schemastore.org/sarif-2.1.0',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'Electronegativity', rules: [...new Set(rows.map((r) => r.id))].map((id) => ({ id })) } },
      results: rows.map((r) => ({
        ruleId: r.id,
        level: r.severity === 'HIGH' ? 'error' : r.severity === 'INFORMATIONAL' ? 'note' : 'warning',
        message: { text: r.description },
        properties: { severity: r.severity, confidence: r.confidence, sample: r.sample },
        locations: [{ physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: Number(r.location.split(':')[0]) || 1 } } }],
      })),
    }],
  };
}

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.some((f) => f.trim() !== '')) records.push(record);
      (record = []), (field = '');
    } else field += ch;
  }
  record.push(field);
  if (record.some((f) => f.trim() !== '')) records.push(record);
  return records;
}

/**
 * Findings of a CSV (ours, or the electronegativity CLI's: "issue, severity,
 * confidence, filename, location, sample, description, url") or a SARIF
 * report. A SARIF without a severity per result (the CLI's own: it only
 * says note/warning) cannot be gated on HIGH, so it fails rather than pass.
 */
export function readReport(file, severities, fail) {
  const text = readFileSync(file, 'utf8');
  if (/\.(sarif|json)$/i.test(file)) {
    const results = (JSON.parse(text).runs ?? []).flatMap((run) => run.results ?? []);
    return results.map((r) => {
      const severity = r.properties?.severity ?? (r.level === 'error' ? 'HIGH' : undefined);
      if (!severities.includes(severity)) fail(`SARIF result ${r.ruleId} has no severity: cannot tell a HIGH finding from another`);
      const loc = r.locations?.[0]?.physicalLocation;
      return { id: r.ruleId, severity: severity ?? 'UNKNOWN', file: loc?.artifactLocation?.uri ?? '', location: String(loc?.region?.startLine ?? ''), description: r.message?.text ?? '' };
    });
  }
  const [header = [], ...body] = parseCsv(text);
  const col = (name) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const [iId, iSev, iFile, iLoc, iDesc] = ['issue', 'severity', 'filename', 'location', 'description'].map(col);
  if (iId < 0 || iSev < 0) {
    fail(`${file}: not an electronegativity CSV (no issue/severity columns)`);
    return [];
  }
  return body.map((r) => {
    const severity = (r[iSev] ?? '').trim().toUpperCase();
    if (!severities.includes(severity)) fail(`CSV row ${r[iId]} has severity "${severity}"`);
    return { id: (r[iId] ?? '').trim(), severity, file: r[iFile] ?? '', location: r[iLoc] ?? '', description: r[iDesc] ?? '' };
  });
}
