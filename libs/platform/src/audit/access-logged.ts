import {
  ArgumentsHost,
  Catch,
  HttpException,
  Inject,
  Injectable,
  InternalServerErrorException,
  NotFoundException,
  SetMetadata,
  UseFilters,
  UseInterceptors,
  applyDecorators,
  createParamDecorator,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { isValidBsn, pseudonymiseBsn } from '@trajectwacht/ijw';
import type { Principal } from '../auth';
import type { PlatformConfig } from '../config';
import { RedactingLogger } from '../logger';
import { RedactingNotFoundFilter } from '../nest/not-found.filter';
import { CONFIG, DATA_SOURCE, SERVICE_NAME } from '../nest/tokens';
import { AccessLogRepository } from './access-log.repository';
import { buildAccessRecord, subjectOf, type SubjectKind } from './access-record';

/**
 * THE RULE of the access log (NEN 7513; docs/security.md, "Access log"), in this one file: a route that reads or acts
 * on a child's personal data is marked `@AccessLogged('<action>', …)`, and then every call of it by an authenticated
 * caller writes exactly one append-only row (access-record.ts), whatever its outcome:
 *
 * - allowed (2xx): the interceptor writes the row after the handler produced its answer and BEFORE the answer is sent
 *   (write-before-answer). If the row cannot be written, the caller gets 500 instead of the data: nothing is served
 *   unlogged. An action's own effect (an alert acknowledged) is committed by then, with who did it in the alert's own
 *   history in the same transaction; the failed log write still fails the request.
 * - refused (403 by the access policy's guard, 404 because nothing is visible to the caller) and failed (400, 409,
 *   500): the exception filter writes the row, then answers as the platform always does.
 * - unauthenticated (401: no valid token): no row, as there is nobody to record; the request log has the call.
 *
 * The handler tells which children its answer concerned with `@Accessed() note` → `note.concerns(pseudonym, gemeente)`;
 * the decorator's `subject` names the route parameter the caller named the child (or alert, or trajectory) by, which
 * is recorded for refused calls too (a BSN parameter as the child's pseudonym, never the BSN itself); `reason` the
 * body field that carries the reason, where the route requires one.
 */
export interface AccessLoggedOptions {
  subject?: { param: string; kind: SubjectKind | 'bsn' };
  /** The body field with the reason the caller gave (recorded, BSN-masked, at most 500 characters). */
  reason?: string;
}

interface AccessLoggedMeta extends AccessLoggedOptions {
  action: string;
}

const ACCESS_LOGGED = 'trajectwacht:access-logged';

/** What the handler found the call concerned: the children (pseudonym) and the gemeenten whose data it was. */
export class AccessNote {
  readonly pseudonyms = new Set<string>();
  readonly gemeenten = new Set<string>();
  /** Set once the row has been (or was being) written, so that a failed write is not written again as a failure. */
  written = false;

  concerns(pseudonym: string, gemeente?: string | null): this {
    this.pseudonyms.add(pseudonym);
    if (gemeente) this.gemeenten.add(gemeente);
    return this;
  }
}

type LoggedRequest = Request & { principal?: Principal; accessNote?: AccessNote; accessLogged?: AccessLoggedMeta; id?: unknown };

/**
 * Called by the access policy's guard (allow.ts) before it authenticates and checks: the handler's `@AccessLogged`
 * travels with the request, so the filter below knows the action also of a call the guard refuses.
 */
export function markAccessLogged(req: Request, handler: object): void {
  const meta: AccessLoggedMeta | undefined = Reflect.getMetadata(ACCESS_LOGGED, handler);
  if (meta) (req as LoggedRequest).accessLogged = meta;
}

function noteOf(req: LoggedRequest): AccessNote {
  return (req.accessNote ??= new AccessNote());
}

/** The handler's AccessNote (see above). */
export const Accessed = createParamDecorator((_data: unknown, ctx: ExecutionContext) => noteOf(ctx.switchToHttp().getRequest()));

/** Builds and inserts the row of one call (the interceptor and the filter each hold one). */
export class AccessLogWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly service: string,
    private readonly config: PlatformConfig,
  ) {}

  /** Writes the row of this call (nothing without an authenticated principal). */
  async write(req: LoggedRequest, meta: AccessLoggedMeta, status: number): Promise<void> {
    const note = noteOf(req);
    note.written = true;
    const principal = req.principal;
    if (!principal) return;
    const pseudonyms = new Set(note.pseudonyms);
    let subject: string | null = null;
    if (meta.subject) {
      const raw = (req.params as Record<string, string | undefined>)[meta.subject.param];
      if (meta.subject.kind === 'bsn') {
        const valid = raw !== undefined && isValidBsn(raw);
        const pseudonym = valid ? pseudonymiseBsn(raw, this.config.pseudonymSecret) : null;
        subject = pseudonym ? subjectOf('pseudonym', pseudonym) : 'bsn:ongeldig';
        if (pseudonym) pseudonyms.add(pseudonym);
      } else {
        subject = subjectOf(meta.subject.kind, raw);
        if (meta.subject.kind === 'pseudonym' && subject !== 'pseudoniem:ongeldig') pseudonyms.add(raw!);
      }
    }
    const body = req.body as Record<string, unknown> | undefined;
    const reason = meta.reason && typeof body?.[meta.reason] === 'string' ? (body[meta.reason] as string) : null;
    const record = buildAccessRecord({
      service: this.service,
      requestId: typeof req.id === 'string' ? req.id : null,
      principal,
      action: meta.action,
      route: `${req.method.toUpperCase()} ${String(req.route?.path ?? req.path)}`,
      subject,
      pseudonyms,
      gemeenten: note.gemeenten,
      status,
      reason,
    });
    await new AccessLogRepository(this.dataSource.manager).insert(record);
  }
}

const metaOf = (handler: object): AccessLoggedMeta => Reflect.getMetadata(ACCESS_LOGGED, handler);

/** Allowed calls: the row is written between the handler's answer and its sending; no row, no answer. */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  private readonly writer: AccessLogWriter;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(SERVICE_NAME) service: string,
    @Inject(CONFIG) config: PlatformConfig,
    private readonly logger: RedactingLogger,
  ) {
    this.writer = new AccessLogWriter(dataSource, service, config);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<LoggedRequest>();
    const meta = metaOf(context.getHandler());
    const code: number | undefined = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler());
    const status = code ?? (req.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      mergeMap(async (value: unknown) => {
        try {
          await this.writer.write(req, meta, status);
        } catch (error) {
          this.logger.error(`access log row not written, answer withheld: ${(error as Error).message}`, 'AccessLog');
          throw new InternalServerErrorException('the access could not be logged; nothing is shown without its log row');
        }
        return value;
      }),
    );
  }
}

/** Refused and failed calls: the row, then the platform's usual answer (404s BSN-masked as everywhere). */
@Catch()
export class AccessLogFilter extends BaseExceptionFilter {
  private readonly writer: AccessLogWriter;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(SERVICE_NAME) service: string,
    @Inject(CONFIG) config: PlatformConfig,
    private readonly logger: RedactingLogger,
  ) {
    super();
    this.writer = new AccessLogWriter(dataSource, service, config);
  }

  override async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<LoggedRequest>();
    const meta = req.accessLogged;
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    let answer = exception;
    if (meta && !noteOf(req).written) {
      try {
        await this.writer.write(req, meta, status);
      } catch (error) {
        this.logger.error(`access log row of a refused call not written: ${(error as Error).message}`, 'AccessLog');
        answer = new InternalServerErrorException('the access could not be logged');
      }
    }
    if (answer instanceof NotFoundException) return new RedactingNotFoundFilter().catch(answer, host);
    super.catch(answer, host);
  }
}

/**
 * Streamed deliveries (the dashboard's live stream, GET /api/v1/stream): the stream's opening shows nothing, but each
 * alert it delivers shows a child's data, so each delivery writes its own row (action `alert.live`, the stream's
 * request id, the child's pseudonym and gemeente) before the event is sent; an event whose row cannot be written is
 * withheld (`false`), like an answer without its row. Rows for callers the event is not visible to are never written,
 * as those events are never delivered.
 */
@Injectable()
export class DeliveredAccessLog {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly logger: RedactingLogger,
  ) {}

  async delivered(req: Request, principal: Principal, action: string, pseudonym: string, gemeente: string): Promise<boolean> {
    const logged = req as LoggedRequest;
    try {
      const record = buildAccessRecord({
        service: this.service,
        requestId: typeof logged.id === 'string' ? logged.id : null,
        principal,
        action,
        route: `${req.method.toUpperCase()} ${String(req.route?.path ?? req.path)}`,
        pseudonyms: [pseudonym],
        gemeenten: [gemeente],
        status: 200,
      });
      await new AccessLogRepository(this.dataSource.manager).insert(record);
      return true;
    } catch (error) {
      this.logger.error(`access log row of a streamed ${action} not written, event withheld: ${(error as Error).message}`, 'AccessLog');
      return false;
    }
  }
}

/**
 * Marks a route as reading or acting on a child's personal data: `@AccessLogged('alert.detail', { subject: { param:
 * 'id', kind: 'alert' } })`. Put it beside the route's `@Allow(...)`.
 */
export const AccessLogged = (action: string, options: AccessLoggedOptions = {}) =>
  applyDecorators(
    SetMetadata(ACCESS_LOGGED, { action, ...options } satisfies AccessLoggedMeta),
    UseInterceptors(AccessLogInterceptor),
    UseFilters(AccessLogFilter),
  );
