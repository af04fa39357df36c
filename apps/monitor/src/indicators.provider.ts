import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { IndicatorRepository, Overgang18Repository, WachttijdRepository, type SqlSession } from '@trajectwacht/indicators';
import { DATA_SOURCE } from '@trajectwacht/platform';

/** A SqlSession over the monitor's TypeORM DataSource: each unit of work in one transaction on one connection. */
export function typeormSession(dataSource: DataSource): SqlSession {
  return (work) => dataSource.transaction((manager) => work((sql, params) => manager.query(sql, params as unknown[] | undefined)));
}

/** The indicator repository (its SQL lives in libs/indicators/src/indicators.repository.ts) on the monitor's database. */
export const INDICATOR_REPOSITORY: Provider = {
  provide: IndicatorRepository,
  inject: [DATA_SOURCE],
  useFactory: (dataSource: DataSource) => new IndicatorRepository(typeormSession(dataSource)),
};

/** The overgang-18 indicator's reads (libs/indicators/src/overgang18.repository.ts) on the monitor's database. */
export const OVERGANG18_REPOSITORY: Provider = {
  provide: Overgang18Repository,
  inject: [DATA_SOURCE],
  useFactory: (dataSource: DataSource) => new Overgang18Repository(typeormSession(dataSource)),
};

/** The waiting-time and referral-route indicators (libs/indicators/src/wachttijden.repository.ts) on the monitor's database. */
export const WACHTTIJD_REPOSITORY: Provider = {
  provide: WachttijdRepository,
  inject: [DATA_SOURCE],
  useFactory: (dataSource: DataSource) => new WachttijdRepository(typeormSession(dataSource)),
};
