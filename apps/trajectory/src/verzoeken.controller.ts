import { BadRequestException, Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import {
  AccessLogged,
  Accessed,
  Allow,
  ApiAuth,
  ApiErrors,
  CurrentPrincipal,
  DATA_SOURCE,
  recordScope,
  type AccessNote,
  type Principal,
} from '@trajectwacht/platform';
import { verzoekKeten } from '@trajectwacht/trajectory';
import { VerzoekRepository } from './verzoek.repository';

const date = { type: 'string', format: 'date', nullable: true };
const VERZOEKEN = {
  type: 'object',
  properties: {
    verzoeken: {
      type: 'array',
      description: 'per verzoek (JW315/JW317) the chain verzoek → antwoorden → toewijzing → start → stop, oldest first',
      items: {
        type: 'object',
        properties: {
          verzoek: {
            type: 'object',
            description: 'VerzoekState (libs/trajectory/src/verzoek.ts; docs/messages.md §3a)',
            properties: {
              id: { type: 'string', description: 'gemeente|aanbieder|ReferentieAanbieder' },
              soort: { type: 'string', enum: ['JW315', 'JW317'] },
              status: { type: 'string', enum: ['ontvangen', 'in_onderzoek', 'afgewezen', 'toegewezen'] },
              ontvangen: { type: 'string', format: 'date' },
              dagtekening: { type: 'string', format: 'date' },
              verwijzer: { type: 'object', nullable: true },
              inOnderzoekOp: date,
              afgewezenOp: date,
              toegewezenOp: date,
              antwoorden: { type: 'array', items: { type: 'object' } },
            },
            additionalProperties: true,
          },
          toewijzingen: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                trajectoryId: { type: 'string' },
                toewijzingNummer: { type: 'string' },
                toegewezenOp: date,
                toewijzingsdatum: date,
                ingangsdatum: date,
                einddatum: date,
                begindatum: date,
                stopdatum: date,
                status: { type: 'string', nullable: true },
              },
            },
          },
          wachtdagen: {
            type: 'object',
            properties: {
              verzoekToewijzing: { type: 'integer', nullable: true },
              toewijzingStart: { type: 'integer', nullable: true },
              verzoekStart: { type: 'integer', nullable: true },
            },
          },
        },
      },
    },
  },
};

/**
 * The request side of a child (issue 17): its verzoeken with the chain each led to. Personal data, scoped by the
 * access policy like the child's trajectories: toegang sees the verzoeken to its own gemeente, an aanbieder its own.
 */
@ApiTags('trajecten')
@Controller('api/v1')
export class VerzoekenController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get('pseudoniemen/:pseudonym/verzoeken')
  @ApiOperation({ summary: "A child's verzoeken (JW315/JW317) with the chain verzoek → toewijzing → start → stop, by pseudonym" })
  @ApiAuth()
  @ApiParam({ name: 'pseudonym', description: 'the client pseudonym (32 hexadecimal characters)' })
  @ApiOkResponse({
    description: 'the verzoeken visible to the caller, each with its answers, toewijzingen and waiting days',
    schema: VERZOEKEN,
  })
  @ApiErrors([400, 'not a pseudonym'], [404, 'no verzoeken of this client are visible to you (the same whether unknown or elsewhere)'])
  @Allow('trajectories:read')
  @AccessLogged('trajectories.verzoeken', { subject: { param: 'pseudonym', kind: 'pseudonym' } })
  async verzoeken(
    @Param('pseudonym') pseudonym: string,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
  ): Promise<unknown> {
    if (!/^[0-9a-f]{32}$/.test(pseudonym)) throw new BadRequestException('a client pseudonym is 32 hexadecimal characters');
    const scope = recordScope(principal, 'trajectories');
    const repository = new VerzoekRepository(this.dataSource.manager);
    const verzoeken = await repository.visibleOfClient(pseudonym, scope);
    if (verzoeken.length === 0) throw new NotFoundException('no verzoeken of this client are visible to you');
    for (const v of verzoeken) note.concerns(pseudonym, v.gemeente);
    const trajectories = await repository.visibleTrajectories([...new Set(verzoeken.flatMap((v) => v.trajectoryIds))], scope);
    return { verzoeken: verzoeken.map((v) => verzoekKeten(v, trajectories)) };
  }
}
