import { createParamDecorator, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AuthError, verifyTokenWithExpiry, type Principal } from '../auth';
import type { PlatformConfig } from '../config';
import { CONFIG } from './tokens';

/** Authenticates the bearer token of every request it guards and puts the Principal on the request. */
@Injectable()
export class TokenGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly config: PlatformConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal; tokenExpiresAt?: number }>();
    // A plain link or an EventSource cannot set headers: they may carry the token as ?access_token= instead.
    const fromQuery = typeof request.query?.access_token === 'string' ? request.query.access_token : undefined;
    try {
      const { principal, expiresAt } = verifyTokenWithExpiry(request.headers.authorization ?? fromQuery, this.config.authSecret);
      request.principal = principal;
      request.tokenExpiresAt = expiresAt;
      return true;
    } catch (error) {
      if (error instanceof AuthError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}

/** When the verified token of this request expires (ms since the epoch), for answers that outlive the request (SSE). */
export const TokenExpiresAt = createParamDecorator((_data: unknown, context: ExecutionContext): number => {
  const request = context.switchToHttp().getRequest<Request & { tokenExpiresAt?: number }>();
  if (request.tokenExpiresAt === undefined) throw new UnauthorizedException('not authenticated');
  return request.tokenExpiresAt;
});

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
  if (!request.principal) throw new UnauthorizedException('not authenticated');
  return request.principal;
});
