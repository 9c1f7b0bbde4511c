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

  emit(type: EventType, data: unknown): void {
    const event: MailEvent = { Type: type, Data: data };
    for (const l of this.listeners) l(event);
  }
}
