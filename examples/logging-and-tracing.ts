/**
 * See what the SDK does: a debug line per HTTP attempt, hooks that tag and time each attempt,
 * and OpenTelemetry spans (a span per SDK call, a client span per attempt).
 *
 *   KLER_API_KEY=… npx node examples/logging-and-tracing.ts <session_id>
 *   (against `kler mock`: KLER_BASE_URL=http://127.0.0.1:4010/v1 KLER_API_KEY=sk_test_…)
 *
 * In an app, register the OpenTelemetry Node SDK instead of the in-memory exporter below and pass
 * `trace.getTracer('your-app')` (or the provider) as `tracer`.
 */
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { KlerClient, KlerHookError } from '@kler/sdk';

const [sessionId] = process.argv.slice(2);
if (!sessionId) {
  console.error('usage: node examples/logging-and-tracing.ts <session_id>');
  process.exit(2);
}

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

const kler = new KlerClient({
  logLevel: 'debug', // or KLER_LOG=debug; lines never hold the API key or a body
  logger: console,
  tracer: provider,
  hooks: {
    // Runs before every attempt, retries included; may add headers (never x-api-key).
    beforeRequest: (ctx) => ctx.headers.set('x-correlation-id', `example-${ctx.operation}-${ctx.attempt}`),
    afterResponse: (ctx) => console.log(`hook: ${ctx.operation} answered ${ctx.status} in ${ctx.durationMs} ms`),
    beforeRetry: (ctx) => console.log(`hook: retrying ${ctx.operation} in ${ctx.delayMs} ms (${ctx.reason})`),
  },
});

try {
  const session = await kler.sessions.retrieve(sessionId);
  const reconciliation = await kler.reconciliation.retrieve(sessionId);
  console.log(`${session.session_id} is ${session.status}: ${reconciliation.transaction_count} transactions`);
} catch (error) {
  // A hook that throws stops the call with KlerHookError; the SDK's other errors pass through.
  if (KlerHookError.is(error)) console.error(`the ${error.hook} hook failed:`, error.cause);
  throw error;
}

// The spans, each attempt under its call.
const spans = exporter.getFinishedSpans();
for (const call of spans.filter((span) => !span.parentSpanContext)) {
  console.log(`span ${call.name}`);
  for (const attempt of spans.filter((span) => span.parentSpanContext?.spanId === call.spanContext().spanId)) {
    console.log(`  span ${attempt.name} status_code=${attempt.attributes['http.response.status_code']} url.template=${attempt.attributes['url.template']}`);
  }
}
await provider.shutdown();
