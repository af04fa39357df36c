import { BadRequestException, Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { dutchDate, isValidBsn, pseudonymiseBsn } from '@trajectwacht/ijw';
import { Allow, CONFIG, CurrentPrincipal, DATA_SOURCE, recordScope, type PlatformConfig, type Principal } from '@trajectwacht/platform';
import { summariseClient } from '@trajectwacht/trajectory';
import { TrajectoryRepository } from './trajectory.repository';

/**
 * Personal data, scoped by the access policy (libs/platform/src/access): a toegang worker sees the trajectories of its
 * own gemeente, an aanbieder those it delivers; regional coordinators and beheer see aggregates only (the monitor).
 */
@Controller('api/v1')
export class TrajectenController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** The child's trajectories visible to the caller, with the child summary (age, active, highest intensity). */
  @Get('clients/:bsn/trajecten')
  @Allow('trajectories:read')
  async clientTrajecten(@Param('bsn') bsn: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    if (!isValidBsn(bsn)) throw new BadRequestException('not a valid BSN (9 digits passing the 11-proef)');
    return this.byPseudonym(pseudonymiseBsn(bsn, this.config.pseudonymSecret), principal, false);
  }

  /** The same by pseudonym (as alerts carry it), with each trajectory's timeline: what the monitor's inbox shows. */
  @Get('pseudoniemen/:pseudonym/trajecten')
  @Allow('trajectories:read')
  async pseudonymTrajecten(@Param('pseudonym') pseudonym: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    if (!/^[0-9a-f]{32}$/.test(pseudonym)) throw new BadRequestException('a client pseudonym is 32 hexadecimal characters');
    return this.byPseudonym(pseudonym, principal, true);
  }

  private async byPseudonym(pseudonym: string, principal: Principal, withTimeline: boolean): Promise<unknown> {
    const scope = recordScope(principal, 'trajectories');
    const trajectories = await new TrajectoryRepository(this.dataSource).visibleOfClient(pseudonym, scope);
    // Same answer whether the child is unknown or known only elsewhere: existence in another gemeente is not revealed.
    if (trajectories.length === 0) throw new NotFoundException('no trajectories of this client are visible to you');
    const summary = summariseClient(trajectories, dutchDate(new Date()));
    return {
      client: {
        pseudonym,
        geboortedatum: summary.geboortedatum,
        leeftijd: summary.leeftijd,
        actieveTrajecten: summary.active.map((t) => t.id),
        hoogsteActieveIntensiteit: summary.highestActiveIntensity,
        crisisActief: summary.crisisActive,
      },
      trajecten: withTimeline ? summary.history : summary.history.map(({ timeline: _timeline, ...rest }) => rest),
    };
  }

  /** One trajectory with its full timeline of messages. */
  @Get('trajecten/:id')
  @Allow('trajectories:read')
  async trajectory(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    const scope = recordScope(principal, 'trajectories');
    if (!/^[0-9]{4}-[0-9]{1,8}$/.test(id)) throw new BadRequestException('a trajectory id is <gemeentecode>-<toewijzingNummer>');
    const state = await new TrajectoryRepository(this.dataSource).visibleById(id, scope);
    if (!state) throw new NotFoundException(`trajectory ${id} is not visible to you`);
    return state;
  }
}
