import { Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { afzenderId, type Afzender } from '@trajectwacht/ijw';
import { CurrentPrincipal, DATA_SOURCE, OUTBOX_RELAY, PRODUCER, TOPICS, TokenGuard, type OutboxRelay, type Principal } from '@trajectwacht/platform';
import { IngestPipeline, mayNotPublish, newReference, publishingAfzender, type BerichtOutcome, type IncomingPayload } from './ingest.pipeline';

function asAfzender(principal: Principal): Afzender {
  const afzender = publishingAfzender(principal);
  if (!afzender) throw new ForbiddenException(mayNotPublish(principal));
  return afzender;
}

/**
 * POST /api/v1/berichten: JSON (one message or an array) or iJw XML. Answers 202 with the berichtIds once the
 * message is safely on ijw.berichten.v1, or 422 with the retour codes per problem (the rejection is also recorded
 * on ijw.retour.v1 by the pipeline, like every message that arrives). Bodies that never become a Kafka record are
 * recorded before the answer: an empty one here, one larger than MAX_MESSAGE_BYTES in app.ts (413).
 */
@Controller('api/v1/berichten')
@UseGuards(TokenGuard)
export class BerichtenController {
  constructor(
    private readonly pipeline: IngestPipeline,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  @Post()
  async publish(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() principal: Principal): Promise<void> {
    const afzender = asAfzender(principal);
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const payload: IncomingPayload = { raw: body, authorization: req.headers.authorization, source: 'http', reference: newReference(), receivedAt: new Date() };
    let outcomes: BerichtOutcome[];
    let referentie: string | undefined;
    if (body.length > 0) {
      outcomes = await this.pipeline.preview(payload);
      await this.producer.send({
        topic: TOPICS.berichten,
        acks: -1,
        messages: [{ key: afzenderId(afzender), value: body, headers: { authorization: req.headers.authorization ?? '', bron: 'http', 'content-type': req.headers['content-type'] ?? '' } }],
      });
    } else {
      // An empty body is no record to put on ijw.berichten.v1: its rejection is recorded here (ijw_bericht and
      // ijw.retour.v1 through the outbox) before the answer, under berichtId ref:<reference>.
      outcomes = await this.pipeline.process([payload]);
      await this.relay.flush();
      referentie = `ref:${payload.reference}`;
    }
    const rejected = outcomes.filter((o) => o.status === 'afgewezen');
    const berichten = outcomes.map((o) => ({
      berichtId: o.berichtId,
      berichtcode: o.berichtcode,
      status: o.status === 'geaccepteerd' ? 'ontvangen' : o.status,
      ...(o.status === 'wachtend'
        ? {
            toelichting: o.retourcodes.length
              ? 'the message conflicts with the toewijzing as known now; it is held for a correcting JW301 and rejected with these codes if none arrives in time'
              : 'the toewijzing is not known yet; the message is held until it arrives or the grace period ends',
          }
        : {}),
      ...(o.retourcodes.length ? { [o.status === 'wachtend' ? 'voorlopigeRetourcodes' : 'retourcodes']: o.retourcodes } : {}),
    }));
    if (rejected.length > 0) {
      res.status(422).json({ status: 'afgewezen', message: `${rejected.length} of ${outcomes.length} message(s) rejected`, ...(referentie ? { referentie } : {}), berichten });
      return;
    }
    res.status(202).json({ status: 'ontvangen', berichten });
  }

  /** Status of a message the caller sent: geaccepteerd, afgewezen (with retour codes) or wachtend. */
  @Get(':berichtId')
  async status(@Param('berichtId') berichtId: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    const afzender = afzenderId(asAfzender(principal));
    const rows: { bericht_id: string; berichtcode: string; status: string; retourcodes: unknown; received_at: Date; decided_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT bericht_id, berichtcode, status, retourcodes, received_at, decided_at FROM ijw_bericht WHERE afzender = $1 AND bericht_id = $2 ORDER BY received_at`,
        [afzender, berichtId],
      );
    if (rows.length === 0) throw new NotFoundException(`no message ${berichtId} from ${afzender} has been processed (yet)`);
    return rows.map((r) => ({ berichtId: r.bericht_id, berichtcode: r.berichtcode, status: r.status, retourcodes: r.retourcodes, ontvangenOp: r.received_at, besluitOp: r.decided_at }));
  }
}
