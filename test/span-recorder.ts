/**
 * An OpenTelemetry SDK tracer whose finished spans a test file can read back: the in-memory
 * exporter behind a real provider, an async-hooks context manager (so a caller's active span is
 * the parent), and a fresh record before each test. Call once at the top of a file.
 */
import { context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export function recordSpans(): {
  tracer: Tracer;
  provider: BasicTracerProvider;
  spans: () => ReadableSpan[];
  named: (name: string) => ReadableSpan[];
} {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => void context.setGlobalContextManager(contextManager.enable()));
  afterAll(() => {
    contextManager.disable();
    context.disable();
  });
  beforeEach(() => exporter.reset());
  const spans = () => exporter.getFinishedSpans();
  return { tracer: provider.getTracer('test'), provider, spans, named: (name) => spans().filter((s) => s.name === name) };
}
