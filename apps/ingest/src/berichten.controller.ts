import { Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { afzenderId, type Afzender } from '@trajectwacht/ijw';
import { ApiAuth, ApiErrors, CurrentPrincipal, OUTBOX_RELAY, TokenGuard, type OutboxRelay, type Principal } from '@trajectwacht/platform';
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

/** The berichten ingest takes: the heenberichten of the toewijzing cycle and of the request side (issue 17). */
const HEENBERICHTEN = ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319'] as const;
const RETOUR = ['JW302', 'JW306', 'JW308', 'JW316', 'JW318', 'JW320'] as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * The schemas of the iJw bodies in the API document: the XML form per berichtsoort (its root element, namespace and
 * XSD), the JSON form (docs/messages.md §2, its JSON Schema in docs/schema/), the JSON answer with the decision.
 */
export const BERICHT_SCHEMAS: Record<string, Record<string, unknown>> = {
  ...Object.fromEntries(
    [...HEENBERICHTEN, ...RETOUR].map((soort) => [
      `${soort}Xml`,
      {
        type: 'object',
        description:
          `an iJw 3.2 ${soort} bericht in XML, valid against ${soort}.xsd (with basisschema.xsd) of the iJw 3.2 release ` +
          `(the XSDs the platform checks with, IJW_XSD_DIR; the structure check derived from them: libs/ijw/src/schema)`,
        xml: {
          name: 'Bericht',
          namespace: `http://www.istandaarden.nl/ijw/3_2/${soort.toLowerCase()}/schema`,
          prefix: soort.toLowerCase(),
        },
        externalDocs: { description: `${soort}.xsd (iJw 3.2, Zorginstituut Nederland)`, url: 'https://www.istandaarden.nl/ijw/releases' },
      },
    ]),
  ),
  ...Object.fromEntries(
    HEENBERICHTEN.map((soort) => [
      `${soort}Json`,
      {
        type: 'object',
        required: ['header', 'client'],
        description:
          `the JSON form of an iJw 3.2 ${soort} bericht (docs/messages.md §2): the XML tree in camelCase, every value a string; ` +
          `JSON Schema docs/schema/${soort.toLowerCase()}.schema.json`,
        properties: { header: { type: 'object', description: 'header.berichtCode decides the berichtsoort' }, client: { type: 'object' } },
      },
    ]),
  ),
  BerichtAntwoord: {
    type: 'object',
    description: 'the decision of a bericht: its status, the retour bericht (XML text) and the Dutch explanation per finding',
    required: ['referentie', 'status'],
    properties: {
      referentie: { type: 'string', description: 'the reference to ask about this bericht again (GET /api/v1/berichten/{referentie})' },
      identificatie: { type: 'string', description: 'the Identificatie of the bericht' },
      berichtcode: { type: 'string', enum: [...HEENBERICHTEN] },
      status: { type: 'string', enum: ['geaccepteerd', 'afgewezen', 'wachtend'] },
      herhaald: { type: 'boolean', description: 'the bericht was received before: this is the earlier decision' },
      toelichting: { type: 'string' },
      retour: {
        type: 'object',
        properties: { soort: { type: 'string', enum: [...RETOUR] }, identificatie: { type: 'string' }, xml: { type: 'string' } },
      },
      toelichtingen: { type: 'array', items: { type: 'object' }, description: 'per finding: regel, retourcode, Dutch explanation' },
      foutmelding: {
        type: 'object',
        description: 'a payload that was not a readable bericht (no retour bericht)',
        properties: {
          code: { type: 'string' },
          toelichting: { type: 'string' },
          message: { type: 'string' },
          problemen: { type: 'array' },
        },
      },
    },
  },
  BerichtAntwoorden: {
    oneOf: [ref('BerichtAntwoord'), { type: 'object', properties: { berichten: { type: 'array', items: ref('BerichtAntwoord') } } }],
  },
};

const ANSWER = {
  'application/json': { schema: ref('BerichtAntwoorden') },
  'application/xml': { schema: { oneOf: RETOUR.map((r) => ref(`${r}Xml`)) } },
};

/**
 * POST /api/v1/berichten: one iJw 3.2 bericht as XML (the native form), or in the JSON form (one object, or an array).
 * The bericht goes through the same pipeline as a Kafka record, and the answer is its decision: the retour bericht
 * (JW302/JW306/JW308) with the Dutch explanation beside it; with `Accept: application/xml` just the retour XML.
 * A repeated bericht is answered with its earlier decision; a reused Identificatie with other content with 9056.
 * GET /api/v1/berichten/:referentie (and …/retour for the XML alone) gives the decision of an earlier bericht.
 */
@ApiTags('berichten')
@Controller('api/v1/berichten')
@UseGuards(TokenGuard)
export class BerichtenController {
  constructor(
    private readonly pipeline: IngestPipeline,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Send an iJw 3.2 bericht (XML, or the JSON form): the answer is the decision and its retour bericht',
    description:
      'The bericht goes through the same pipeline as a Kafka record. With `Accept: application/xml` the answer is the retour ' +
      'bericht alone. A repeated bericht gets its earlier decision; a reused Identificatie with other content 9056.',
    requestBody: {
      required: true,
      description: 'one bericht as XML; in the JSON form one object or an array of them',
      content: {
        'application/xml': { schema: { oneOf: HEENBERICHTEN.map((soort) => ref(`${soort}Xml`)) } },
        'application/json': {
          schema: {
            oneOf: [
              ...HEENBERICHTEN.map((soort) => ref(`${soort}Json`)),
              { type: 'array', items: { oneOf: HEENBERICHTEN.map((s) => ref(`${s}Json`)) } },
            ],
          },
        },
      },
    },
  })
  @ApiAuth()
  @ApiOkResponse({ description: 'geaccepteerd: the retour bericht without retourcodes of refusal', content: ANSWER })
  @ApiAcceptedResponse({
    description: 'wachtend: the toewijzing is not (yet) known; decided when it arrives or the wait is over',
    content: ANSWER,
  })
  @ApiResponse({ status: 422, description: 'afgewezen: the retour bericht with its retourcodes, or a foutmelding', content: ANSWER })
  @ApiResponse({ status: 413, description: 'the payload is larger than MAX_MESSAGE_BYTES (recorded as a refusal)', content: ANSWER })
  @ApiErrors(503)
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
  @ApiOperation({ summary: 'The decision of a bericht the caller sent earlier, by its referentie' })
  @ApiAuth()
  @ApiParam({ name: 'referentie', description: 'the referentie of the answer, or the Identificatie of the bericht' })
  @ApiOkResponse({ description: 'the decision (all decisions under this Identificatie)', content: ANSWER })
  @ApiErrors([404, 'no such bericht from this sender'])
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
  @ApiOperation({ summary: 'The retour bericht (JW302/JW306/JW308, …) of a bericht the caller sent, as XML' })
  @ApiAuth()
  @ApiParam({ name: 'referentie', description: 'the referentie of the answer, or the Identificatie of the bericht' })
  @ApiProduces('application/xml', 'application/json')
  @ApiOkResponse({ description: 'the retour bericht', content: { 'application/xml': ANSWER['application/xml'] } })
  @ApiAcceptedResponse({ description: 'still wachtend: no retour yet', content: { 'application/json': ANSWER['application/json'] } })
  @ApiErrors([404, 'no such bericht from this sender, or it has no retour bericht'])
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
