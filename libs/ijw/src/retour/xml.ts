/**
 * The XML of a retour bericht, written by the schema module's writer (writeIjwXml: schema order, jw30x:/ijw:
 * prefixes by namespace, text escaped). The writer checks the tree against the project's own XSD data of the retour
 * soort first and throws when it is not a valid JW302/JW306/JW308, so a retour that leaves here is structurally valid.
 */
import { writeIjwXml } from '../schema';
import type { Retourbericht } from './types';

/** The retour bericht as iJw 3.2 XML (JW302, JW306 or JW308). */
export function retourXml(retour: Retourbericht): string {
  return writeIjwXml(retour.soort, retour.json);
}
