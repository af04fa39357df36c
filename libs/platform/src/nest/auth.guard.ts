import {
  createParamDecorator,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { AuthError, AuthUnavailableError, type Principal } from '../auth';
import { tokenVerifier } from '../oidc/verifier';
import type { PlatformConfig } from '../config';
import { CONFIG } from './tokens';

/**
 * Authenticates the bearer token of every request it guards (the one verifier, libs/platform/src/oidc/verifier.ts:
 * the OpenID provider's access tokens, and the demo mode's HS256 tokens) and puts the Principal on the request.
 */
@Injectable()
export class TokenGuard implements CanActivate {
  constructor(@Inject(CONFIG) private readonly config: PlatformConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal; tokenExpiresAt?: number }>();
    // No token in any URL (it would be kept in logs, proxies and browser history): only the Authorization header.
    if (request.query?.access_token !== undefined) {
      throw new UnauthorizedException('an access token in the URL is not accepted: send it as Authorization: Bearer <token>');
    }
    try {
      const { principal, expiresAt } = await tokenVerifier(this.config).verify(request.headers.authorization);
      request.principal = principal;
      request.tokenExpiresAt = expiresAt;
      return true;
    } catch (error) {
      if (error instanceof AuthError) throw new UnauthorizedException(error.message);
      if (error instanceof AuthUnavailableError) throw new ServiceUnavailableException(error.message);
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
