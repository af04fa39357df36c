import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPublic, CONFIG, type PlatformConfig } from '@trajectwacht/platform';

/** How the dashboard signs in (public: it is read before anyone is signed in; it holds no secret). */
export interface SignInOptions {
  /** The local users file (the demo mode, AUTH_DEMO). */
  local: boolean;
  /** The OpenID provider (authorization code + PKCE, public client), when OIDC_ISSUER and OIDC_CLIENT_ID are set. */
  oidc: { issuer: string; clientId: string; scope: string; resource: string } | null;
}

@ApiTags('dashboard')
@Controller('api/v1/auth')
export class AuthConfigController {
  constructor(@Inject(CONFIG) private readonly config: PlatformConfig) {}

  /** GET /api/v1/auth/config — the sign-in options of the dashboard (apps/monitor/web/auth.js). */
  @Get('config')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'How the dashboard signs in: the local login (demo mode) and/or the OpenID provider (code + PKCE)' })
  @ApiPublic() // read before sign-in: no token
  @ApiOkResponse({
    description: 'the sign-in options (no secret: the dashboard is a public client)',
    schema: {
      type: 'object',
      properties: {
        local: { type: 'boolean' },
        oidc: {
          type: 'object',
          nullable: true,
          properties: { issuer: { type: 'string' }, clientId: { type: 'string' }, scope: { type: 'string' }, resource: { type: 'string' } },
        },
      },
    },
  })
  options(): SignInOptions {
    const auth = this.config.auth;
    const oidc = auth?.oidc;
    return {
      local: auth?.demo ?? true,
      oidc: oidc?.clientId ? { issuer: oidc.issuer, clientId: oidc.clientId, scope: oidc.scope, resource: oidc.audience } : null,
    };
  }
}
