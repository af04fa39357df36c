import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { dutchDate } from '@trajectwacht/ijw';
import { encodeVervolgEvent, type VervolgEvent } from '@trajectwacht/contracts';
import {
  AccessLogged,
  Accessed,
  Allow,
  ApiAuth,
  ApiErrors,
  CurrentPrincipal,
  DATA_SOURCE,
  OUTBOX_RELAY,
  RedactingLogger,
  TOPICS,
  enqueueOutbox,
  recordScope,
  type AccessNote,
  type OutboxRelay,
  type Principal,
} from '@trajectwacht/platform';
import { VERVOLG_SOORTEN, parseVervolgInput } from '@trajectwacht/signals';
import { ClientVervolgRepository } from './vervolg.repository';

const PSEUDONYM = /^[0-9a-f]{32}$/;

/**
 * The recorded follow-up for 18+ (issue 15; libs/signals/src/README.md, "The recorded follow-up"). A toegang worker
 * records it for a child with a trajectory in its gemeente; it is stored with who and when (client_vervolg) and
 * published on vervolg.v1 through the outbox in the same transaction, which the signal service reads (OVERGANG_18 is
 * answered) and the rebuild replays.
 */
const VERVOLG = {
  type: 'object',
  description: 'a recorded follow-up (VervolgVastgelegd on vervolg.v1, libs/contracts/src/vervolg.ts)',
  properties: {
    type: { type: 'string', enum: ['VervolgVastgelegd'] },
    id: { type: 'string', format: 'uuid' },
    clientPseudonym: { type: 'string' },
    gemeente: { type: 'string', pattern: '^[0-9]{4}$' },
    soort: { type: 'string' },
    vastgelegdOp: { type: 'string', format: 'date' },
    vastgelegdOpTijd: { type: 'string', format: 'date-time' },
    vastgelegdDoor: { type: 'object', description: 'who recorded it (toegang only)' },
  },
};
const PSEUDONYM_PARAM = ApiParam({ name: 'pseudonym', description: 'the client pseudonym (32 hexadecimal characters)' });

@ApiTags('vervolg 18+')
@Controller('api/v1')
export class VervolgController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly logger: RedactingLogger,
  ) {}

  /** POST /api/v1/pseudoniemen/{pseudonym}/vervolg — records a follow-up; 201 with the stored record. */
  @Post('pseudoniemen/:pseudonym/vervolg')
  @ApiOperation({ summary: 'Record the follow-up for 18+ of a child of your gemeente (answers OVERGANG_18)' })
  @ApiAuth()
  @PSEUDONYM_PARAM
  @ApiBody({
    description: 'the follow-up (libs/signals/src/README.md, "The recorded follow-up"; checked by parseVervolgInput)',
    schema: {
      type: 'object',
      required: ['soort'],
      additionalProperties: false,
      properties: {
        soort: { type: 'string', enum: [...VERVOLG_SOORTEN] },
        totDatum: { type: 'string', format: 'date', description: 'verlengde_jeugdhulp: decided until (default: the 23rd birthday)' },
        perDatum: { type: 'string', format: 'date', description: 'wmo, wlz, zvw: the date of the transfer' },
        overdrachtAan: { type: 'string', description: 'wmo, wlz, zvw: to whom' },
        reden: { type: 'string', description: 'geen_vervolg_nodig: why' },
        alertId: { type: 'string', description: 'the OVERGANG_18 alert it answers' },
      },
    },
  })
  @ApiCreatedResponse({ description: 'the stored record, also published on vervolg.v1', schema: VERVOLG })
  @ApiErrors([400, 'invalid follow-up: the problems named'], [404, 'no trajectories of this client are visible to you'])
  @HttpCode(201)
  @Allow('vervolg:record')
  @AccessLogged('vervolg.record', { subject: { param: 'pseudonym', kind: 'pseudonym' } })
  async record(
    @Param('pseudonym') pseudonym: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
  ): Promise<VervolgEvent> {
    if (!PSEUDONYM.test(pseudonym)) throw new BadRequestException('a client pseudonym is 32 hexadecimal characters');
    // vervolg:record is the toegang's (access policy): its scope is the trajectories of its own gemeente.
    const scope = recordScope(principal, 'trajectories');
    const gemeente = scope.value;
    const now = new Date();
    const event = await this.dataSource.transaction(async (manager) => {
      const repository = new ClientVervolgRepository(manager);
      const child = await repository.child(pseudonym, scope);
      if (!child) throw new NotFoundException('no trajectories of this client are visible to you');
      note.concerns(pseudonym, gemeente);
      const vastgelegdOp = dutchDate(now);
      const parsed = parseVervolgInput(body, { geboortedatum: child.geboortedatum, vastgelegdOp });
      if (!parsed.ok) throw new BadRequestException(parsed.problems);
      const e: VervolgEvent = {
        type: 'VervolgVastgelegd',
        id: randomUUID(),
        clientPseudonym: pseudonym,
        gemeente,
        ...parsed.value,
        vastgelegdOp,
        vastgelegdOpTijd: now.toISOString(),
        vastgelegdDoor: { sub: principal.sub, role: 'toegang', gemeente },
      };
      await repository.insert([e]);
      await enqueueOutbox(manager, [{ topic: TOPICS.vervolg, key: pseudonym, payload: encodeVervolgEvent(e) }]);
      return e;
    });
    this.logger.log(
      `vervolg ${event.id} (${event.soort}) vastgelegd door toegang:${event.gemeente}:${event.vastgelegdDoor.sub}`,
      'VervolgController',
    );
    await this.relay.flush().catch(() => undefined); // the periodic relay retries when Kafka is away
    return event;
  }

  /**
   * GET /api/v1/pseudoniemen/{pseudonym}/vervolg — the child's follow-ups (toegang: its gemeente's; aanbieder: without who recorded them).
   */
  @Get('pseudoniemen/:pseudonym/vervolg')
  @ApiOperation({ summary: "A child's recorded follow-ups for 18+ (aanbieder: without who recorded them)" })
  @ApiAuth()
  @PSEUDONYM_PARAM
  @ApiOkResponse({ description: 'the follow-ups, oldest first', schema: { type: 'array', items: VERVOLG } })
  @ApiErrors([400, 'not a pseudonym'], [404, 'no trajectories of this client are visible to you'])
  @Allow('trajectories:read')
  @AccessLogged('vervolg.list', { subject: { param: 'pseudonym', kind: 'pseudonym' } })
  async list(
    @Param('pseudonym') pseudonym: string,
    @CurrentPrincipal() principal: Principal,
    @Accessed() note: AccessNote,
  ): Promise<unknown[]> {
    if (!PSEUDONYM.test(pseudonym)) throw new BadRequestException('a client pseudonym is 32 hexadecimal characters');
    const scope = recordScope(principal, 'trajectories');
    const repository = new ClientVervolgRepository(this.dataSource.manager);
    if (!(await repository.child(pseudonym, scope))) throw new NotFoundException('no trajectories of this client are visible to you');
    const records = await repository.forClient(pseudonym, scope.column === 'gemeente' ? scope.value : null);
    note.concerns(pseudonym, scope.column === 'gemeente' ? scope.value : null);
    for (const r of records) note.concerns(pseudonym, r.gemeente);
    return scope.column === 'gemeente' ? records : records.map(({ vastgelegdDoor: _door, ...rest }) => rest);
  }
}
