import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@trajectwacht/platform';

export type BerichtStatus = 'geaccepteerd' | 'afgewezen' | 'wachtend';

/** The provider's own messages with their retour codes (the SQL of the provider view). */
@Injectable()
export class BerichtenRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Newest first, at most `limit`, of the sender `aanbieder:<agb>`, optionally of one status. */
  forAanbieder(agb: string, status: BerichtStatus | undefined, limit: number): Promise<unknown[]> {
    return this.dataSource.query(
      // Berichten since iJw 3.2 conformance (ijw_heenbericht: one row per bericht, its findings as retourcode + rule +
      // Dutch explanation, or the foutmelding), and the messages recorded before it (legacy rows of ijw_bericht).
      `SELECT * FROM (
         SELECT coalesce(h.identificatie, substring(h.id from '\\|(ref:.*)$')) AS "berichtId", h.berichtcode, h.status,
                CASE WHEN h.foutmelding IS NOT NULL
                     THEN jsonb_build_array(jsonb_build_object('code', h.foutmelding->>'code', 'message', h.foutmelding->>'toelichting'))
                     ELSE (SELECT coalesce(jsonb_agg(jsonb_build_object('code', b->>'retourcode', 'field', coalesce(b->>'pad', b->>'regel'),
                                                                        'message', b->>'toelichting')), '[]'::jsonb)
                             FROM jsonb_array_elements(h.bevindingen) b) END AS retourcodes,
                h.received_at AS "ontvangenOp",
                (SELECT string_agg(DISTINCT r->>'toewijzingNummer', ', ')
                   FROM jsonb_array_elements(coalesce(h.regels, '[]'::jsonb)) r) AS "toewijzingNummer"
           FROM ijw_heenbericht h WHERE h.afzender = $1 AND ($2::text IS NULL OR h.status = $2)
         UNION ALL
         SELECT bericht_id, berichtcode, status, retourcodes, received_at, toewijzing_nummer
           FROM ijw_bericht WHERE legacy AND afzender = $1 AND ($2::text IS NULL OR status = $2)
       ) m ORDER BY "ontvangenOp" DESC LIMIT $3`,
      [`aanbieder:${agb}`, status ?? null, limit],
    );
  }
}
