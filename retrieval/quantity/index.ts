/** Quantities in German and English text: the vocabulary, the number parser and the scanner. */
export * from "./lexicon.ts";
export { parseLocaleNumber, parseNumberWord, scaleOf, unitOfWord } from "./numbers.ts";
export {
  findQuantities,
  mayHoldQuantity,
  type Quantity,
  type QuantityToken,
  scanQuantities,
  tokenize,
} from "./scan.ts";
