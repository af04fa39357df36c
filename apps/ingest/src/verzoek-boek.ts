import {
  bouwHistorie,
  checkVerzoekHistorie,
  isOnderhanden,
  toewijzingSleutel,
  verzoekSleutel,
  verzoekToewijzingSleutels,
  type Bevinding,
  type PseudonymisedBericht,
  type PseudonymisedVerzoek,
  type VerzoekBerichtcode,
} from '@trajectwacht/ijw';
import type { StoredVerzoekBericht, VerzoekBerichtRepository, VerzoekBerichtRow } from './verzoek-bericht.repository';
import { bouwVerzoekHistorie } from '@trajectwacht/ijw';

/** What the pipeline knows of a bericht of the request side (its pseudonymised flat messages). */
export interface VerzoekKandidaat {
  soort: VerzoekBerichtcode;
  verzoeken: PseudonymisedVerzoek[];
}

/**
 * The request side of one decision transaction (issue 17): the earlier accepted messages the level-3 rules of the
 * request side need (loaded once from ijw_verzoek_bericht, then kept up to date with what this transaction accepts,
 * so a JW315 and its JW319 in one batch are decided in order), the rules themselves, and the rows to store.
 */
export class VerzoekBoek {
  private readonly berichten: StoredVerzoekBericht[];
  readonly rows: VerzoekBerichtRow[] = [];
  /** TR349: per client triple (clientSleutel) the keys (gemeente|nummer) of its toewijzingen; see kentToewijzingenVan. */
  private clientToewijzingen: Map<string, string[]> | null = null;

  private constructor(berichten: StoredVerzoekBericht[]) {
    this.berichten = berichten;
  }

  /** The advisory-lock keys of the candidates: per aanbieder + ReferentieAanbieder, and per aanbieder + client (TR374). */
  static lockKeys(verzoeken: readonly PseudonymisedVerzoek[], toewijzingen: readonly PseudonymisedBericht[]): string[] {
    const keys = new Set<string>();
    for (const v of verzoeken) {
      keys.add(`verzoek-ref:${v.aanbieder}|${v.referentieAanbieder}`);
      if (v.berichtcode !== 'JW319') keys.add(`verzoek-client:${v.aanbieder}|${v.client.pseudonym}`);
    }
    for (const t of toewijzingen) {
      if (t.berichtcode === 'JW301' && t.referentieAanbieder) keys.add(`verzoek-ref:${t.aanbieder}|${t.referentieAanbieder}`);
      // TR349: a JW301 and a JW317 of the same client at the same aanbieder are decided one after the other
      if (t.berichtcode === 'JW301') keys.add(`verzoek-client:${t.aanbieder}|${t.client.pseudonym}`);
    }
    return [...keys];
  }

  static async load(
    repository: VerzoekBerichtRepository,
    verzoeken: readonly PseudonymisedVerzoek[],
    toewijzingen: readonly PseudonymisedBericht[],
  ): Promise<VerzoekBoek> {
    const referenties = new Set<string>();
    const clients = new Set<string>();
    for (const v of verzoeken) {
      referenties.add(`${v.aanbieder}|${v.referentieAanbieder}`);
      if (v.berichtcode !== 'JW319') clients.add(`${v.aanbieder}|${v.client.pseudonym}`);
    }
    for (const t of toewijzingen)
      if (t.berichtcode === 'JW301' && t.referentieAanbieder) referenties.add(`${t.aanbieder}|${t.referentieAanbieder}`);
    if (referenties.size === 0 && clients.size === 0) return new VerzoekBoek([]);
    return new VerzoekBoek(await repository.relevant([...referenties], [...clients]));
  }

  /**
   * The key a held JW319 waits for (its wacht_op) and an accepted JW315/JW317 releases: the verzoek's key, in a
   * namespace of its own (`verzoek:`), apart from the toewijzing keys (gemeente|nummer) held starts and stops wait for.
   */
  static wachtSleutel(m: { gemeente: string; aanbieder: string; referentieAanbieder: string }): string {
    return `verzoek:${verzoekSleutel(m.gemeente, m.aanbieder, m.referentieAanbieder)}`;
  }

  /**
   * The key a held JW315/JW317 waits for while an earlier verzoek of its aanbieder for the client is open (TR374) and
   * an accepted JW301 honouring that verzoek, or a JW319 refusing it, releases: `besluit:` + the open verzoek's key.
   */
  static besluitSleutel(m: { gemeente: string; aanbieder: string; referentieAanbieder: string }): string {
    return `besluit:${verzoekSleutel(m.gemeente, m.aanbieder, m.referentieAanbieder)}`;
  }

  /**
   * What a bericht of the request side with level-3 findings waits for, or [] when it is refused now (issue 17).
   * Messages of different senders travel on different partitions, so what decides a finding may be processed later:
   * - a JW319 whose only finding is TR355 waits for its verzoek (`verzoek:` key);
   * - a JW315/JW317 whose earlier verzoek is still open (TR374) waits for that verzoek's decision (`besluit:` key): the
   *   gemeente's JW301 or JW319 "afgewezen" sent before it may not be processed yet;
   * - a JW317 that names a toewijzing not known at all (no JW301 accepted: `hasToewijzing`) waits for its key
   *   (gemeente|nummer), as a start waits for its toewijzing (TR019).
   * It waits only when every finding may be due to what it waits for: TR350/TR351 on such a toewijzing, TR374, TR349
   * (that JW301 may end the product the JW317 leaves out). A finding on a known toewijzing (another client, another
   * aanbieder, deleted; TR361, TR373, TR411, …) or any other rule refuses it at once.
   */
  wachtOp(
    kandidaat: VerzoekKandidaat,
    found: readonly Bevinding[],
    hasToewijzing: (key: string) => boolean,
    receivedAt?: string,
  ): string[] {
    if (kandidaat.soort === 'JW319')
      return found.every((b) => b.regel === 'TR355') ? [...new Set(kandidaat.verzoeken.map(VerzoekBoek.wachtSleutel))] : [];
    const v = kandidaat.verzoeken.find((r) => r.berichtcode === 'JW317');
    const jw317 = v && v.berichtcode === 'JW317' ? v : undefined;
    const unknown = jw317 ? verzoekToewijzingSleutels([jw317]).filter((k) => !hasToewijzing(k)) : [];
    // TR374 waits only while every verzoek open at the bericht's receipt is still undecided: one decided since (a JW301
    // or JW319 received after the bericht) was open when it was sent, so the finding stands
    const openAtReceipt = found.some((b) => b.regel === 'TR374') ? this.openVerzoeken(kandidaat, receivedAt) : [];
    const undecided = this.openVerzoeken(kandidaat);
    const besluit = openAtReceipt.every((o) => undecided.some((u) => sameVerzoek(u, o)))
      ? openAtReceipt.map(VerzoekBoek.besluitSleutel)
      : [];
    const nummerAt = (pad: string | undefined): string | undefined => {
      const m = /(OngewijzigdProduct|TeWijzigenProduct)\[(\d+)\]/.exec(pad ?? '');
      if (!m || !jw317) return undefined;
      const i = Number(m[2]) - 1;
      return m[1] === 'OngewijzigdProduct' ? jw317.ongewijzigd[i] : jw317.teWijzigen[i]?.toewijzingNummer;
    };
    const waitable = (b: Bevinding): boolean => {
      if (b.regel === 'TR374') return besluit.length > 0;
      if (b.regel === 'TR349') return unknown.length > 0;
      if (b.regel !== 'TR350' && b.regel !== 'TR351') return false;
      const nummer = nummerAt(b.pad);
      return jw317 !== undefined && nummer !== undefined && unknown.includes(toewijzingSleutel(jw317.gemeente, nummer));
    };
    return unknown.length + besluit.length > 0 && found.every(waitable) ? [...new Set([...unknown, ...besluit])] : [];
  }

  /** The earlier verzoeken of the bericht's aanbieder for its client still open as of `receivedAt` (TR374), as keys. */
  private openVerzoeken(
    kandidaat: VerzoekKandidaat,
    receivedAt?: string,
  ): { gemeente: string; aanbieder: string; referentieAanbieder: string }[] {
    const eerste = kandidaat.verzoeken[0];
    if (!eerste || eerste.berichtcode === 'JW319') return [];
    const { berichten } = bouwVerzoekHistorie(this.asOf(receivedAt));
    return berichten.filter(
      (b) => b.aanbieder === eerste.aanbieder && b.clientPseudonym === eerste.client.pseudonym && isOnderhanden(b, berichten),
    );
  }

  /**
   * The earlier messages as they stood when a bericht was received (its record time): a decision (JW301 with a
   * ReferentieAanbieder, JW319) received after it does not count against it. Held berichten are decided late, after
   * messages of other partitions that were sent after them (issue 17: a JW319 "in onderzoek" held for its JW315 is
   * not refused with 9359 because the JW301 sent after it was processed first).
   */
  private asOf(receivedAt?: string): StoredVerzoekBericht[] {
    if (receivedAt === undefined) return this.berichten;
    const at = new Date(receivedAt).getTime();
    return this.berichten.filter(
      (b) =>
        !(b.message.berichtcode === 'JW301' || b.message.berichtcode === 'JW319') ||
        b.receivedAt === undefined ||
        new Date(b.receivedAt).getTime() <= at,
    );
  }

  /**
   * The `verzoek:` and `besluit:` keys an accepted bericht releases: a JW315/JW317 the JW319s held for it (TR355); a
   * JW301 with a ReferentieAanbieder and a JW319 "afgewezen" (1) the verzoeken held while that verzoek was open (TR374).
   * (An accepted JW301 releases its toewijzing key gemeente|nummer as well; the caller adds it.)
   */
  static releases(messages: readonly (PseudonymisedVerzoek | PseudonymisedBericht)[]): string[] {
    const keys = new Set<string>();
    for (const m of messages) {
      if (m.berichtcode === 'JW315' || m.berichtcode === 'JW317') keys.add(VerzoekBoek.wachtSleutel(m));
      else if (m.berichtcode === 'JW319' && m.verzoekAntwoord === '1') keys.add(VerzoekBoek.besluitSleutel(m));
      else if (m.berichtcode === 'JW301' && m.referentieAanbieder)
        keys.add(VerzoekBoek.besluitSleutel({ gemeente: m.gemeente, aanbieder: m.aanbieder, referentieAanbieder: m.referentieAanbieder }));
    }
    return [...keys];
  }

  /** TR349: the clients (`gemeente|aanbieder|pseudonym`) of the JW317s, whose toewijzingen ingest loads by client. */
  static clientSleutels(verzoeken: readonly PseudonymisedVerzoek[]): string[] {
    return [
      ...new Set(verzoeken.flatMap((v) => (v.berichtcode === 'JW317' ? [clientSleutel(v.gemeente, v.aanbieder, v.client.pseudonym)] : []))),
    ];
  }

  /**
   * TR349: the toewijzingen of the JW317s' clients, as loaded (BerichtRepository.toewijzingenVanClienten; their history
   * is in the toewijzing history the caller passes to check). Without it, TR349 is not checked.
   */
  kentToewijzingenVan(perClient: Map<string, string[]>): void {
    this.clientToewijzingen = perClient;
  }

  /** The toewijzing keys (gemeente|nummer) a JW317 refers to, to load with the history of the toewijzing cycle. */
  static toewijzingSleutels(verzoeken: readonly PseudonymisedVerzoek[]): string[] {
    return verzoekToewijzingSleutels(verzoeken);
  }

  /**
   * The client a JW319 answers: the pseudonym of the JW315/JW317 with its key (gemeente, aanbieder, referentie), or
   * undefined when there is none (TR355: the JW319 is held until its verzoek arrives, refused with 9355 when the hold ends).
   */
  clientVan(antwoord: { gemeente: string; aanbieder: string; referentieAanbieder: string }): string | undefined {
    const key = verzoekSleutel(antwoord.gemeente, antwoord.aanbieder, antwoord.referentieAanbieder);
    const v = this.berichten.find(
      (b) => (b.message.berichtcode === 'JW315' || b.message.berichtcode === 'JW317') && sleutelVan(b.message) === key,
    );
    return v?.clientPseudonym;
  }

  /**
   * The level-3 findings for a bericht of the request side. A JW319 gets the pseudonym of its verzoek put into its
   * flat message first (`client`), as it travels on ijw.geaccepteerd.v1.
   */
  check(
    kandidaat: VerzoekKandidaat,
    toewijzingHistorie: (key: string) => readonly PseudonymisedBericht[],
    receivedAt?: string,
  ): Bevinding[] {
    for (const v of kandidaat.verzoeken) {
      if (v.berichtcode !== 'JW319') continue;
      const pseudonym = this.clientVan(v);
      if (pseudonym) (v as PseudonymisedVerzoek & { client?: { pseudonym: string } }).client = { pseudonym };
    }
    const historie = bouwVerzoekHistorie(this.asOf(receivedAt));
    const keys = verzoekToewijzingSleutels(kandidaat.verzoeken);
    const toewijzingen = bouwHistorie(keys.flatMap((k) => toewijzingHistorie(k))).toewijzingen;
    const v = kandidaat.verzoeken.find((r) => r.berichtcode === 'JW317');
    const clientKeys =
      v && v.berichtcode === 'JW317' && this.clientToewijzingen
        ? (this.clientToewijzingen.get(clientSleutel(v.gemeente, v.aanbieder, v.client.pseudonym)) ?? [])
        : null;
    const clientToewijzingen = clientKeys
      ? Object.values(bouwHistorie([...new Set([...clientKeys, ...keys])].flatMap((k) => toewijzingHistorie(k))).toewijzingen)
      : undefined;
    return checkVerzoekHistorie(
      { berichtcode: kandidaat.soort, regels: kandidaat.verzoeken },
      { ...historie, toewijzingen, ...(clientToewijzingen ? { clientToewijzingen } : {}) },
    );
  }

  /** Records what this transaction accepted: the messages of an accepted verzoek bericht, or a JW301 with a reference. */
  accept(
    heenberichtId: string,
    afzender: string,
    receivedAt: string,
    messages: readonly (PseudonymisedVerzoek | PseudonymisedBericht)[],
  ): void {
    for (const message of messages) {
      if (message.berichtcode === 'JW305' || message.berichtcode === 'JW307') continue;
      if (message.berichtcode === 'JW301' && this.clientToewijzingen) {
        // TR349: a toewijzing of a client accepted in this transaction counts for a JW317 decided after it
        const triple = clientSleutel(message.gemeente, message.aanbieder, message.client.pseudonym);
        const key = toewijzingSleutel(message.gemeente, message.toewijzingNummer);
        const known = this.clientToewijzingen.get(triple) ?? [];
        if (!known.includes(key)) this.clientToewijzingen.set(triple, [...known, key]);
      }
      if (message.berichtcode === 'JW301' && !message.referentieAanbieder) continue;
      const clientPseudonym = 'client' in message && message.client ? message.client.pseudonym : '';
      this.berichten.push({ message, clientPseudonym, receivedAt });
      this.rows.push({
        id: `${afzender}|${message.berichtcode}|${message.berichtId}`,
        heenbericht_id: heenberichtId,
        verzoek_sleutel: sleutelVan(message),
        berichtcode: message.berichtcode,
        gemeente: message.gemeente,
        aanbieder: message.aanbieder,
        client_pseudonym: clientPseudonym,
        message,
        received_at: receivedAt,
      });
    }
  }
}

function sleutelVan(m: PseudonymisedVerzoek | PseudonymisedBericht): string {
  return verzoekSleutel(m.gemeente, m.aanbieder, 'referentieAanbieder' in m ? (m.referentieAanbieder ?? '') : '');
}

const sameVerzoek = (
  a: { gemeente: string; aanbieder: string; referentieAanbieder: string },
  b: { gemeente: string; aanbieder: string; referentieAanbieder: string },
): boolean => a.gemeente === b.gemeente && a.aanbieder === b.aanbieder && a.referentieAanbieder === b.referentieAanbieder;

/** TR349: a client at one aanbieder in one gemeente. */
const clientSleutel = (gemeente: string, aanbieder: string, pseudonym: string): string => `${gemeente}|${aanbieder}|${pseudonym}`;
