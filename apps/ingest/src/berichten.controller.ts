import { Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { afzenderId, type Afzender } from '@trajectwacht/ijw';
import { CurrentPrincipal, OUTBOX_RELAY, TokenGuard, type OutboxRelay, type Principal } from '@trajectwacht/platform';
import {
  IngestPipeline,
  mayNotPublish,
  newReference,
  publishingAfzender,
  type BerichtOutcome,
  type IncomingPayload,
} from './ingest.pipeline';

function asAfzender(principal: Principal): Afzender {
  const afzender = publishingAfzender(principal);
  if (!afzender) throw new ForbiddenException(mayNotPublish(principal));
  return afzender;
}

/** Whether the caller asked for the retour bericht itself (XML) rather than the JSON answer around it. */
function wantsXml(req: Request): boolean {
  const accept = req.headers.accept ?? '';
  return /\b(application|text)\/xml\b/.test(accept) && !/application\/json/.test(accept);
}

/** The JSON answer: per bericht its status, the retour bericht (XML text) and the Dutch explanation per finding. */
function answerOf(outcome: BerichtOutcome): Record<string, unknown> {
  return {
    referentie: outcome.referentie,
    identificatie: outcome.identificatie,
    berichtcode: outcome.berichtcode,
    status: outcome.status,
    ...(outcome.herhaald ? { herhaald: true, toelichting: 'dit bericht was al ontvangen; dit is het eerdere besluit' } : {}),
    ...(outcome.status === 'wachtend'
      ? { toelichting: 'de toewijzing is (nog) niet bekend; het bericht wacht tot zij binnenkomt of de wachttijd voorbij is (dan 9019)' }
      : {}),
    ...(outcome.retour
      ? { retour: { soort: outcome.retour.soort, identificatie: outcome.retour.identificatie, xml: outcome.retour.xml } }
      : {}),
    ...(outcome.toelichtingen.length ? { toelichtingen: outcome.toelichtingen } : {}),
    ...(outcome.foutmelding
      ? {
          foutmelding: {
            code: outcome.foutmelding.code,
            toelichting: outcome.foutmelding.toelichting,
            message: outcome.foutmelding.message,
            problemen: outcome.foutmelding.problemen,
          },
        }
      : {}),
  };
}

/** 200 accepted, 202 held, 422 refused (a retour with retourcodes, or a foutmelding). */
function statusOf(outcomes: BerichtOutcome[]): number {
  if (outcomes.some((o) => o.status === 'afgewezen')) return 422;
  if (outcomes.some((o) => o.status === 'wachtend')) return 202;
  return 200;
}

/**
 * POST /api/v1/berichten: one iJw 3.2 bericht as XML (the native form), or in the JSON form (one object, or an array).
 * The bericht goes through the same pipeline as a Kafka record, and the answer is its decision: the retour bericht
 * (JW302/JW306/JW308) with the Dutch explanation beside it; with `Accept: application/xml` just the retour XML.
 * A repeated bericht is answered with its earlier decision; a reused Identificatie with other content with 9056.
 * GET /api/v1/berichten/:referentie (and …/retour for the XML alone) gives the decision of an earlier bericht.
 */
@Controller('api/v1/berichten')
@UseGuards(TokenGuard)
export class BerichtenController {
  constructor(
    private readonly pipeline: IngestPipeline,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  @Post()
  async publish(@Req() req: Request, @Res() res: Response, @CurrentPrincipal() principal: Principal): Promise<void> {
    asAfzender(principal);
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const payload: IncomingPayload = {
      raw: body,
      authorization: req.headers.authorization,
      source: 'http',
      reference: newReference(),
      receivedAt: new Date(),
    };
    const outcomes = await this.pipeline.process([payload]);
    // The answer is given once the retour (and every accepted product) is on Kafka: nothing answered is lost.
    await this.relay.flush();
    this.send(req, res, outcomes);
  }

  @Get(':referentie')
  async status(
    @Req() req: Request,
    @Res() res: Response,
    @Param('referentie') referentie: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const outcomes = await this.find(principal, referentie);
    this.send(req, res, outcomes, 200);
  }

  /** The retour bericht itself (application/xml), once the bericht is decided. */
  @Get(':referentie/retour')
  async retour(@Res() res: Response, @Param('referentie') referentie: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    const outcomes = await this.find(principal, referentie);
    // The retour of the bericht itself: the latest one that was read and decided on its merits, not the refusal of a
    // later reuse of its Identificatie (9056) nor a foutmelding (which counts as not sent, OP286); else the latest.
    const own = outcomes.filter((o) => o.retour && !o.foutmelding && !o.bevindingen.some((b) => b.regel === 'TR056'));
    const latest = own[own.length - 1] ?? outcomes[outcomes.length - 1]!;
    if (!latest.retour) {
      res.status(latest.status === 'wachtend' ? 202 : 404).json(answerOf(latest));
      return;
    }
    res.status(200).type('application/xml').send(latest.retour.xml);
  }

  private async find(principal: Principal, referentie: string): Promise<BerichtOutcome[]> {
    const sender = afzenderId(asAfzender(principal));
    const outcomes = await this.pipeline.earlier(sender, referentie);
    if (outcomes.length === 0)
      throw new NotFoundException(`no bericht ${referentie.replace(/[0-9]{9}/g, '*********')} from ${sender} has been received`);
    return outcomes;
  }

  private send(req: Request, res: Response, outcomes: BerichtOutcome[], code = statusOf(outcomes)): void {
    if (outcomes.length === 1 && wantsXml(req) && outcomes[0]!.retour) {
      res.status(code).type('application/xml').send(outcomes[0]!.retour.xml);
      return;
    }
    const body = outcomes.length === 1 ? answerOf(outcomes[0]!) : { berichten: outcomes.map(answerOf) };
    res.status(code).json(body);
  }
}
