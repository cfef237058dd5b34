import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const vaka = fileURLToPath(new URL('../../bin/vaka.js', import.meta.url));
const run = (input: string) => spawnSync(process.execPath, [vaka, 'classify', '--json'], { input, encoding: 'utf8', timeout: 60_000 });

describe('npx vaka classify', () => {
  it('prints the spec JSON for a Swedish text on standard input', () => {
    const result = run('Han slår mig varje kväll och jag vågar inte gå hem.');
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(Object.keys(answer)).toEqual(['riskAreas', 'urgency', 'explanation']);
    expect(answer.urgency).toBe('acute');
    expect(answer.riskAreas[0].code).toBe('safety_abuse');
    expect(answer.explanation).toContain('slår mig');
  });

  it('exits 2 with a one-line message on empty input', () => {
    const result = run('');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
