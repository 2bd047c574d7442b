import { IncomingMessage } from 'node:http';
import { Inject, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway } from '@nestjs/websockets';
import { WebSocket } from 'ws';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator.service';
import { isCsrfSafe } from '../auth/csrf.util';
import { Principal } from '../auth/principal';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { AUTH_EVENTS_CHANNEL_PARTS, SessionRevokedEvent } from '../auth/session-events';
import { SessionService } from '../auth/session.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainEventBus } from '../events/domain-event-bus.service';
import { MetricsRegistry } from '../observability/metrics.registry';
import { RedisService } from '../redis/redis.service';
import { LIVE_EVENT_TYPES, WS_CLOSE } from './dashboard-close-codes';
import { DashboardSnapshotService } from './dashboard-snapshot.service';

/** One cookie's value from a Cookie header (the handshake has no cookie-parser middleware). */
function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

interface Client {
  principal: Principal;
}

/**
 * Live dashboard feed at /ws/dashboard (SPEC 4). Authenticated at the handshake with the session
 * cookie (same-origin only, like any cookie request that could be forged cross-site) or an
 * X-API-Key header. Every DASHBOARD_STREAM_INTERVAL seconds one snapshot is computed for the whole
 * process and sent to every client; domain events are pushed as they arrive from the single
 * events subscription of the process — no database polling per client.
 */
@WebSocketGateway({ path: '/ws/dashboard' })
export class DashboardGateway
  implements
    OnGatewayConnection<WebSocket>,
    OnGatewayDisconnect<WebSocket>,
    OnModuleInit,
    OnModuleDestroy
{
  private readonly logger = new Logger(DashboardGateway.name);
  private readonly clients = new Map<WebSocket, Client>();
  private timer?: NodeJS.Timeout;
  private stopListening?: () => void;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly events: DomainEventBus,
    private readonly snapshots: DashboardSnapshotService,
    private readonly redis: RedisService,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    this.stopListening = this.events.listen({
      onEvent: (event) => {
        if (LIVE_EVENT_TYPES.has(event.type)) {
          this.broadcast(JSON.stringify(event));
        }
      },
      // Events may have been missed while the subscription was down: resend the current state.
      onResync: () => void this.sendSnapshots(),
    });
    void this.subscribeToSessionEvents();
    this.timer = setInterval(
      () => void this.sendSnapshots(),
      this.config.dashboard.streamIntervalSeconds * 1000,
    );
    this.timer.unref();
  }

  /**
   * Revoked sessions arrive on their own channel. API connections fail fast instead of queueing,
   * so subscribe once the connection is ready; ioredis re-subscribes after reconnects itself.
   */
  private async subscribeToSessionEvents(): Promise<void> {
    const connection = this.redis.createConnection('ws-auth-events');
    const channel = this.redis.key(...AUTH_EVENTS_CHANNEL_PARTS);
    connection.on('message', (_channel: string, raw: string) => this.onSessionEvent(raw));
    if (connection.status !== 'ready') {
      await new Promise<void>((resolve) => connection.once('ready', () => resolve()));
    }
    await connection.subscribe(channel).catch((error: unknown) => {
      this.logger.warn(`Could not subscribe to ${channel}: ${String(error)}`);
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.stopListening?.();
    for (const socket of this.clients.keys()) {
      socket.close(1001, 'server shutting down');
    }
    this.clients.clear();
  }

  async handleConnection(socket: WebSocket, request: IncomingMessage): Promise<void> {
    const outcome = await this.authenticate(request).catch(() => null);
    if (outcome === null) {
      socket.close(WS_CLOSE.unauthenticated, 'authentication required');
      return;
    }
    if (outcome === 'forbidden') {
      socket.close(WS_CLOSE.forbidden, 'cross-site request refused');
      return;
    }
    if (socket.readyState !== WebSocket.OPEN) {
      return;
    }
    this.clients.set(socket, { principal: outcome });
    this.metrics?.websocketConnected();
    const snapshot = await this.snapshots.build().catch(() => null);
    if (snapshot && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(snapshot));
    }
  }

  handleDisconnect(socket: WebSocket): void {
    if (this.clients.delete(socket)) {
      this.metrics?.websocketDisconnected();
    }
  }

  /** The principal, 'forbidden' for a cross-site cookie handshake, or null without credentials. */
  private async authenticate(request: IncomingMessage): Promise<Principal | 'forbidden' | null> {
    const key = request.headers['x-api-key'];
    if (typeof key === 'string' && key !== '') {
      return this.apiKeys.authenticate(key);
    }
    const secret = cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (!secret) {
      return null;
    }
    const host = request.headers.host ?? '';
    const safe = isCsrfSafe({
      // A WebSocket handshake is a GET, but it can carry the cookie cross-site: check like a write.
      method: 'POST',
      origin: request.headers.origin,
      secFetchSite: request.headers['sec-fetch-site'],
      ownOrigin: `${this.config.isProduction ? 'https' : 'http'}://${host}`,
      allowedOrigins: this.config.http.corsOrigins,
    });
    if (!safe && !this.sameHostOrigin(request.headers.origin, host)) {
      return 'forbidden';
    }
    const session = await this.sessions.authenticate(secret);
    return session?.principal ?? null;
  }

  /** Behind a TLS proxy the scheme we see differs from the browser's; the host must match. */
  private sameHostOrigin(origin: string | undefined, host: string): boolean {
    if (!origin || !host) {
      return false;
    }
    try {
      return new URL(origin).host.toLowerCase() === host.toLowerCase();
    } catch {
      return false;
    }
  }

  private onSessionEvent(raw: string): void {
    let event: SessionRevokedEvent;
    try {
      event = JSON.parse(raw) as SessionRevokedEvent;
    } catch {
      return;
    }
    if (event.type !== 'session_revoked') {
      return;
    }
    for (const [socket, client] of this.clients) {
      const sameUser = client.principal.userId === event.user_id;
      const sameSession =
        event.session_id === null || client.principal.sessionId === event.session_id;
      if (sameUser && sameSession) {
        socket.close(WS_CLOSE.unauthenticated, 'session revoked');
      }
    }
  }

  private async sendSnapshots(): Promise<void> {
    if (this.clients.size === 0) {
      return;
    }
    try {
      this.broadcast(JSON.stringify(await this.snapshots.build()));
    } catch (error) {
      this.logger.warn(`Dashboard snapshot failed: ${String(error)}`);
    }
  }

  private broadcast(text: string): void {
    for (const socket of this.clients.keys()) {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(text);
      }
    }
  }
}
