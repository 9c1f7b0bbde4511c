// Fan-out of Mailpit-style websocket events ({Type, Data}) to every connected client.
export type EventType = 'new' | 'delete' | 'truncate' | 'prune' | 'update' | 'stats';

export interface MailEvent {
  Type: EventType;
  Data: unknown;
}

export class Events {
  private readonly listeners = new Set<(e: MailEvent) => void>();

  on(listener: (e: MailEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private statsTimer?: ReturnType<typeof setTimeout>;

  /** Mailbox totals change with every message; like Mailpit, announce them at most every 250 ms. */
  statsSoon(compute: () => unknown): void {
    if (this.statsTimer) return;
    this.statsTimer = setTimeout(() => {
      this.statsTimer = undefined;
      this.emit('stats', compute());
    }, 250);
    this.statsTimer.unref();
  }

  close(): void {
    if (this.statsTimer) clearTimeout(this.statsTimer);
    this.statsTimer = undefined;
    this.listeners.clear();
  }

  emit(type: EventType, data: unknown): void {
    const event: MailEvent = { Type: type, Data: data };
    for (const l of this.listeners) l(event);
  }
}
