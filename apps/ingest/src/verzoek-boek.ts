import {
  bouwHistorie,
  checkVerzoekHistorie,
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
    for (const t of toewijzingen)
      if (t.berichtcode === 'JW301' && t.referentieAanbieder) keys.add(`verzoek-ref:${t.aanbieder}|${t.referentieAanbieder}`);
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
  check(kandidaat: VerzoekKandidaat, toewijzingHistorie: (key: string) => readonly PseudonymisedBericht[]): Bevinding[] {
    for (const v of kandidaat.verzoeken) {
      if (v.berichtcode !== 'JW319') continue;
      const pseudonym = this.clientVan(v);
      if (pseudonym) (v as PseudonymisedVerzoek & { client?: { pseudonym: string } }).client = { pseudonym };
    }
    const historie = bouwVerzoekHistorie(this.berichten);
    const keys = verzoekToewijzingSleutels(kandidaat.verzoeken);
    const toewijzingen = bouwHistorie(keys.flatMap((k) => toewijzingHistorie(k))).toewijzingen;
    return checkVerzoekHistorie({ berichtcode: kandidaat.soort, regels: kandidaat.verzoeken }, { ...historie, toewijzingen });
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
      if (message.berichtcode === 'JW301' && !message.referentieAanbieder) continue;
      const clientPseudonym = 'client' in message && message.client ? message.client.pseudonym : '';
      this.berichten.push({ message, clientPseudonym });
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
