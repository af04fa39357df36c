import { applyDecorators, ForbiddenException, Inject, Injectable, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../auth';
import type { PlatformConfig } from '../config';
import { TokenGuard } from '../nest/auth.guard';
import { CONFIG } from '../nest/tokens';
import { markAccessLogged } from '../audit/access-logged';
import { denial, may, type Action } from './access-policy';

const ALLOW_ACTION = 'trajectwacht:allow';

/**
 * Authenticates the request (unless TokenGuard already did) and refuses with 403 a principal the access policy does
 * not allow the handler's action (`@Allow(...)`).
 */
@Injectable()
export class AccessGuard extends TokenGuard {
  constructor(@Inject(CONFIG) config: PlatformConfig) {
    super(config);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    markAccessLogged(request, context.getHandler()); // a refused call of an @AccessLogged route is logged too (audit)
    if (!request.principal) await super.canActivate(context);
    const principal = request.principal!;
    const action: Action | undefined = Reflect.getMetadata(ALLOW_ACTION, context.getHandler());
    if (action === undefined)
      throw new Error(`AccessGuard on ${context.getClass().name}.${context.getHandler().name} without @Allow(action)`);
    if (!may(principal, action)) throw new ForbiddenException(denial(principal, action));
    return true;
  }
}

/** The action a handler performs (see access-policy.ts): authenticated, and 403 for a principal not allowed it. */
export const Allow = (action: Action) => applyDecorators(SetMetadata(ALLOW_ACTION, action), UseGuards(AccessGuard));
