import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { dutchDate } from '@trajectwacht/ijw';
import { encodeVervolgEvent, type VervolgEvent } from '@trajectwacht/contracts';
import {
  Allow,
  CurrentPrincipal,
  DATA_SOURCE,
  OUTBOX_RELAY,
  RedactingLogger,
  TOPICS,
  enqueueOutbox,
  recordScope,
  type OutboxRelay,
  type Principal,
} from '@trajectwacht/platform';
import { parseVervolgInput } from '@trajectwacht/signals';
import { ClientVervolgRepository } from './vervolg.repository';

const PSEUDONYM = /^[0-9a-f]{32}$/;

/**
 * The recorded follow-up for 18+ (issue 15; libs/signals/src/README.md, "The recorded follow-up"). A toegang worker
 * records it for a child with a trajectory in its gemeente; it is stored with who and when (client_vervolg) and
 * published on vervolg.v1 through the outbox in the same transaction, which the signal service reads (OVERGANG_18 is
 * answered) and the rebuild replays.
 */
@Controller('api/v1')
export class VervolgController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly logger: RedactingLogger,
  ) {}

  /** POST /api/v1/pseudoniemen/{pseudonym}/vervolg — records a follow-up; 201 with the stored record. */
  @Post('pseudoniemen/:pseudonym/vervolg')
  @HttpCode(201)
  @Allow('vervolg:record')
  async record(
    @Param('pseudonym') pseudonym: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
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
  @Allow('trajectories:read')
  async list(@Param('pseudonym') pseudonym: string, @CurrentPrincipal() principal: Principal): Promise<unknown[]> {
    if (!PSEUDONYM.test(pseudonym)) throw new BadRequestException('a client pseudonym is 32 hexadecimal characters');
    const scope = recordScope(principal, 'trajectories');
    const repository = new ClientVervolgRepository(this.dataSource.manager);
    if (!(await repository.child(pseudonym, scope))) throw new NotFoundException('no trajectories of this client are visible to you');
    const records = await repository.forClient(pseudonym, scope.column === 'gemeente' ? scope.value : null);
    return scope.column === 'gemeente' ? records : records.map(({ vastgelegdDoor: _door, ...rest }) => rest);
  }
}
