/**
 * PayPal column names in the languages PayPal writes them (English, Spanish, German,
 * some French): the Activity download and the monthly statement share most of them.
 * Header matching ignores case, surrounding spaces and repeated spaces.
 */
import type { HeaderIndex } from '../csv.ts';

export const PAYPAL_ALIASES = {
  date: ['Date', 'Fecha', 'Datum', 'Data'],
  time: ['Time', 'Hora', 'Uhrzeit', 'Heure', 'Ora'],
  zone: ['TimeZone', 'Time Zone', 'Zona horaria', 'Zeitzone', 'Fuseau horaire', 'Fuso orario'],
  name: ['Name', 'Nombre', 'Nom', 'Nome'],
  type: ['Type', 'Tipo', 'Typ'],
  description: ['Description', 'Descripción', 'Beschreibung', 'Descrizione'],
  status: ['Status', 'Estado', 'Statut', 'Stato'],
  currency: ['Currency', 'Divisa', 'Moneda', 'Währung', 'Devise', 'Valuta'],
  gross: ['Gross', 'Bruto', 'Brutto', 'Brut', 'Lordo'],
  fee: ['Fee', 'Comisión', 'Tarifa', 'Gebühr', 'Frais', 'Commissione', 'Tariffa'],
  net: ['Net', 'Neto', 'Netto'],
  amount: ['Amount', 'Importe', 'Betrag', 'Montant', 'Importo'],
  balance: ['Balance', 'Saldo', 'Guthaben', 'Solde'],
  fromEmail: [
    'From Email Address',
    'Correo electrónico del remitente',
    'Absender E-Mail-Adresse',
    'Absender-E-Mail-Adresse',
    "Adresse email de l'expéditeur",
  ],
  toEmail: [
    'To Email Address',
    'Correo electrónico del destinatario',
    'Empfänger E-Mail-Adresse',
    'Empfänger-E-Mail-Adresse',
    'Adresse email du destinataire',
  ],
  transactionId: [
    'Transaction ID',
    'Id. de transacción',
    'Id de transacción',
    'Transaktionscode',
    'Numéro de transaction',
  ],
  referenceTxnId: [
    'Reference Txn ID',
    'Id. de referencia de trans.',
    'Zugehöriger Transaktionscode',
    'Numéro de transaction de référence',
  ],
  invoice: [
    'Invoice Number',
    'Invoice ID',
    'Invoice Id',
    'Número de factura',
    'Id. de factura',
    'Rechnungsnummer',
    'Numéro de facture',
  ],
  itemTitle: ['Item Title', 'Título del objeto', 'Artikelbezeichnung', "Titre de l'objet"],
  subject: ['Subject', 'Asunto', 'Betreff', 'Objet'],
  note: ['Note', 'Nota', 'Hinweis', 'Mitteilung'],
  balanceImpact: ['Balance Impact', 'Impacto en el saldo', 'Auswirkung auf Guthaben'],
  receiptId: ['Receipt ID', 'Id. de recibo', 'Empfangsbestätigungsnummer'],
  bankName: ['Bank Name', 'Nombre del banco', 'Name der Bank'],
} as const;

export type PayPalField = keyof typeof PAYPAL_ALIASES;

/** Column index of each PayPal field in this header (-1 when absent). */
export function payPalColumns(header: HeaderIndex): Record<PayPalField, number> {
  const out = {} as Record<PayPalField, number>;
  for (const field of Object.keys(PAYPAL_ALIASES) as PayPalField[]) {
    out[field] = header.find(...PAYPAL_ALIASES[field]);
  }
  return out;
}
