import * as assert from 'assert';
import { type RequestModel } from '../../src/core';
import { lintText } from '../helpers/fix-checks';

/**
 * Bedrock Converse from the JS SDK: both commands and the aggregated client's methods, cachePoint
 * elements as breakpoints on the block before them, a cachePoint merged into a block, cache_control
 * (which the SDK does not send), and a command class from elsewhere imported under Bedrock's name.
 */
const SOURCE = [
  'import { BedrockRuntime, BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from \'@aws-sdk/client-bedrock-runtime\';',
  'import { ConverseCommand as LocalCommand } from \'./commands\';',
  'const client = new BedrockRuntimeClient({ region: \'us-east-1\' });',
  'const runtime = new BedrockRuntime({ region: \'us-east-1\' });',
  'const GUIDE = \'Follow the support policy carefully and cite the relevant section. \'.repeat(150);',
  'const MODEL = \'us.anthropic.claude-sonnet-4-5-20250929-v1:0\';',
  'export const a = (q: string) => client.send(new ConverseCommand({ modelId: MODEL, system: [{ text: GUIDE }, { cachePoint: { type: \'default\' } }], messages: [{ role: \'user\', content: [{ text: q }], cache_control: { type: \'ephemeral\' } }] }));',
  'export const b = (q: string) => client.send(new ConverseStreamCommand({ modelId: MODEL, system: [{ text: GUIDE, cachePoint: { type: \'default\' } }], messages: [{ role: \'user\', content: [{ text: q }] }] }));',
  'export const c = (q: string) => runtime.converseStream({ modelId: MODEL, system: [{ text: GUIDE }, { cachePoint: { type: \'default\' } }], messages: [{ role: \'user\', content: [{ text: q }] }], cache_control: { type: \'ephemeral\' } });',
  'export const d = (q: string) => client.send(new LocalCommand({ modelId: MODEL, messages: [{ role: \'user\', content: [{ text: q }] }] }));',
  'export const e = (doc: Uint8Array) => runtime.converse({ modelId: MODEL, messages: [{ role: \'user\', content: [{ document: { name: \'d\', format: \'pdf\', source: { bytes: doc } } }, { cachePoint: { type: \'default\' } }, { text: \'Summarise it.\' }] }] });',
].join('\n');

const labels = (request: RequestModel) => request.blocks.map((b) => `${b.label} ${b.blockType}${b.cacheControl ? '*' : ''}`).join(', ');

describe('Bedrock Converse dialect (JS)', () => {
  it('reads ConverseCommand, ConverseStreamCommand, converse and converseStream; not a command from another module, even one imported as `ConverseCommand as …`', async () => {
    const result = await lintText(SOURCE, 'typescript', 'converse.ts');
    assert.deepStrictEqual(
      result.requests.map((r) => `${r.call.range.start.line + 1} ${r.call.method} ${r.markerSyntax.name} | ${labels(r)}`),
      [
        '7 ConverseCommand cachePoint | system[0] text*, messages[0] (user) content[0] text',
        '8 ConverseStreamCommand cachePoint | system[0] text, messages[0] (user) content[0] text',
        '9 converseStream cachePoint | system[0] text*, messages[0] (user) content[0] text',
        // A document's bytes are its source; the cachePoint after it marks it.
        '11 converse cachePoint | messages[0] (user) content[0] document*, messages[0] (user) content[1] text',
      ],
    );
    const document = result.requests[3].blocks[0].value;
    assert.deepStrictEqual(document.kind === 'object' ? document.entries.map((e) => e.key) : document.kind, ['type', 'source', 'cache_control']);
  });

  it('cache_control on a message or the call is not sent by the SDK (removable); a cachePoint merged into a block is invalid (kept for the user to move)', async () => {
    const result = await lintText(SOURCE, 'typescript', 'converse.ts');
    assert.deepStrictEqual(
      result.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character} ${f.ruleId} ${f.fixes.filter((x) => !x.title.startsWith('Disable')).length}`),
      ['7:197 ignored-cache-marker 1', '8:112 ignored-cache-marker 0', '9:191 ignored-cache-marker 1'],
    );
    assert.match(result.findings[0].message, /^Bedrock Converse has no cache_control: the AWS SDK does not send it\./);
    assert.match(result.findings[1].message, /^A cachePoint must be its own element of the list, after the block it caches; merged into this block it is not a valid block/);
  });
});
