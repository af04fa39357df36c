import { BadRequestException, Controller, ForbiddenException, Get, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { dutchDate, isValidBsn, pseudonymiseBsn } from '@trajectwacht/ijw';
import { CONFIG, CurrentPrincipal, DATA_SOURCE, TokenGuard, type PlatformConfig, type Principal } from '@trajectwacht/platform';
import { summariseClient, type TrajectoryState } from '@trajectwacht/trajectory';

/**
 * Role scope for personal data: a toegang worker sees the trajectories of its own gemeente, an aanbieder those it
 * delivers; regional coordinators and beheer see aggregates only (the monitor), never a child.
 */
export function scopeOf(principal: Principal): { column: 'gemeente' | 'aanbieder'; value: string } {
  if (principal.role === 'toegang') return { column: 'gemeente', value: principal.gemeente };
  if (principal.role === 'aanbieder') return { column: 'aanbieder', value: principal.agb };
  throw new ForbiddenException(`role ${principal.role} sees aggregates only, not individual trajectories`);
}

@Controller('api/v1')
@UseGuards(TokenGuard)
export class TrajectenController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** The child's trajectories visible to the caller, with the child summary (age, active, highest intensity). */
  @Get('clients/:bsn/trajecten')
  async clientTrajecten(@Param('bsn') bsn: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    if (!isValidBsn(bsn)) throw new BadRequestException('not a valid BSN (9 digits passing the 11-proef)');
    return this.byPseudonym(pseudonymiseBsn(bsn, this.config.pseudonymSecret), principal, false);
  }

  /** The same by pseudonym (as alerts carry it), with each trajectory's timeline: what the monitor's inbox shows. */
  @Get('pseudoniemen/:pseudonym/trajecten')
  async pseudonymTrajecten(@Param('pseudonym') pseudonym: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    if (!/^[0-9a-f]{32}$/.test(pseudonym)) throw new BadRequestException('a client pseudonym is 32 hexadecimal characters');
    return this.byPseudonym(pseudonym, principal, true);
  }

  private async byPseudonym(pseudonym: string, principal: Principal, withTimeline: boolean): Promise<unknown> {
    const scope = scopeOf(principal);
    const rows: { state: TrajectoryState }[] = await this.dataSource.query(
      `SELECT state FROM trajectory WHERE client_pseudonym = $1 AND ${scope.column} = $2 ORDER BY ingangsdatum NULLS LAST, id`,
      [pseudonym, scope.value],
    );
    // Same answer whether the child is unknown or known only elsewhere: existence in another gemeente is not revealed.
    if (rows.length === 0) throw new NotFoundException('no trajectories of this client are visible to you');
    const trajectories = rows.map((r) => r.state);
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
  async trajectory(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    const scope = scopeOf(principal);
    if (!/^[0-9]{4}-[0-9]{1,8}$/.test(id)) throw new BadRequestException('a trajectory id is <gemeentecode>-<toewijzingNummer>');
    const rows: { state: TrajectoryState }[] = await this.dataSource.query(`SELECT state FROM trajectory WHERE id = $1 AND ${scope.column} = $2`, [id, scope.value]);
    if (rows.length === 0) throw new NotFoundException(`trajectory ${id} is not visible to you`);
    return rows[0]!.state;
  }
}
