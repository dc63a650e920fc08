import type { StreamEvent } from '../../shared/sync-protocol';
import type { FetchImpl } from './http-client';

export interface EventStreamHandlers {
  onEvent(event: StreamEvent): void;
  /** The connection broke; EventSource (or the fallback) reconnects by itself. */
  onError(): void;
}

export interface EventStreamHandle {
  close(): void;
}

function parseEvent(data: string): StreamEvent | null {
  try {
    const v = JSON.parse(data) as { type?: unknown; collection?: unknown };
    if (v.type === 'RESYNC') return { type: 'RESYNC' };
    if (v.type === 'changes' && typeof v.collection === 'string') return v as StreamEvent;
  } catch {
    // A malformed line is ignored; the next RESYNC or change event heals the state.
  }
  return null;
}

/**
 * Server-sent events from GET /api/v1/sync/stream. The browser's
 * EventSource reconnects by itself and is used when present. Where there
 * is none (Node, where the tests run), a small reader over fetch does the
 * same job: reads `data:` lines and reconnects with a growing delay.
 */
export function openEventStream(url: string, handlers: EventStreamHandlers, fetchImpl: FetchImpl): EventStreamHandle {
  const EventSourceImpl = (globalThis as { EventSource?: typeof EventSource }).EventSource;
  if (EventSourceImpl) {
    const source = new EventSourceImpl(url);
    source.onmessage = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      if (event) handlers.onEvent(event);
    };
    source.onerror = () => {
      handlers.onError();
    };
    return { close: () => { source.close(); } };
  }
  return openFetchStream(url, handlers, fetchImpl);
}

function openFetchStream(url: string, handlers: EventStreamHandlers, fetchImpl: FetchImpl): EventStreamHandle {
  const controller = new AbortController();
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const readOnce = async (): Promise<void> => {
    const response = await fetchImpl(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
    failures = 0;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
        const event = data === '' ? null : parseEvent(data);
        if (event) handlers.onEvent(event);
        end = buffer.indexOf('\n\n');
      }
    }
  };

  const loop = (): void => {
    readOnce().then(
      () => { reconnect(); },
      () => { reconnect(); },
    );
  };
  const reconnect = (): void => {
    if (controller.signal.aborted) return;
    handlers.onError();
    failures++;
    timer = setTimeout(loop, Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
  };
  loop();
  return {
    close: () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
