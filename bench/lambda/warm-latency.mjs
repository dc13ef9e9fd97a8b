import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { keepAliveAgent } from '../lib/http-invoker.mjs';
import { progress } from '../lib/progress.mjs';
import { summarize } from '../lib/stats.mjs';
import { ENV, REGION } from './bench-project.mjs';

// The SDK warns once that releases after January 2027 need Node 22; on Node 20 that line only
// interrupts the progress output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const PAYLOAD = new TextEncoder().encode('{}');
const decoder = new TextDecoder();

/**
 * An `@aws-sdk/client-lambda` InvokeCommand sender for `endpoint`, on one keep-alive connection,
 * with static credentials (`motorcade-bench` selects the bench environment) and no retries, so a
 * failure shows instead of hiding in a retry.
 */
export function sdkInvoker(endpoint, functionName) {
  const agent = keepAliveAgent(1);
  const client = new LambdaClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: `motorcade-${ENV}`, secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: { httpAgent: agent },
  });
  const invoke = async () => {
    const output = await client.send(new InvokeCommand({ FunctionName: functionName, Payload: PAYLOAD }));
    const body = decoder.decode(output.Payload);
    if (output.StatusCode !== 200 || output.FunctionError || body !== '{"ok":true}')
      throw new Error(`SDK Invoke of ${endpoint} answered ${output.StatusCode}: ${body.slice(0, 300)}`);
  };
  const close = () => {
    client.destroy();
    agent.destroy();
  };
  return { invoke, close };
}

/**
 * Sequential invoke latency of `subject` and of its `floor`, after `warmup` calls of each. The
 * measured calls are interleaved in blocks (subject, floor, floor, subject, ...) so that a noisy
 * neighbour on the shared machine hits both alike instead of skewing one of them.
 */
export async function measureAgainstFloor({ suite, label, subject, floor, warmup, perTarget, blockSize }) {
  for (let i = 0; i < warmup; i++) {
    await subject();
    await floor();
  }
  const samples = { subject: [], floor: [] };
  const report = progress(suite, label, perTarget * 2);
  const blocks = Math.ceil(perTarget / blockSize);
  for (let block = 0; block < blocks; block++) {
    const order = block % 2 === 0 ? ['subject', 'floor'] : ['floor', 'subject'];
    for (const target of order) {
      const invoke = target === 'subject' ? subject : floor;
      const into = samples[target];
      const count = Math.min(blockSize, perTarget - block * blockSize);
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await invoke();
        into.push(performance.now() - started);
      }
      report(samples.subject.length + samples.floor.length);
    }
  }
  return { subject: summarize(samples.subject), floor: summarize(samples.floor) };
}
