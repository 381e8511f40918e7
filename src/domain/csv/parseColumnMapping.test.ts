import { describe, expect, it } from 'vitest';
import { parseColumnMapping } from './parseColumnMapping.js';

describe('parseColumnMapping', () => {
  it('reads field=column pairs, short names, header texts and the options', () => {
    expect(parseColumnMapping('date=1, amount=4 ,text=6,name=3,currency=EUR,decimal=comma,header=no,Valuta=Wertstellung')).toEqual({
      columns: { bookingDate: 1, amount: 4, remittance: 6, counterpartyName: 3, valueDate: 'Wertstellung' },
      currency: 'EUR',
      decimal: ',',
      header: false,
    });
    expect(parseColumnMapping('bookingDate=2,debit=5,credit=6,currency=7')).toEqual({ columns: { bookingDate: 2, debit: 5, credit: 6, currency: 7 } });
  });

  it.each([
    ['', 'found nothing'],
    ['date=1', 'found no amount column (amount=N, or debit=N and credit=N)'],
    ['amount=2', 'found no date column (date=N)'],
    ['date=1;amount=2', 'found "date=1;amount=2": separate the pairs with commas'],
    ['date=1,amount', 'found "amount" without "="'],
    ['date=0,amount=2', 'found column 0 for date (columns count from 1)'],
    ['date=1,date=2,amount=3', 'found date twice'],
    ['date=1,amount=2,betrg=3', 'found an unknown field "betrg"'],
    ['date=1,amount=2,decimal=;', 'found decimal=; (use comma or dot)'],
    ['date=1,amount=2,currency=XYZ', 'expected a supported ISO 4217 currency code, found "XYZ"'],
  ])('refuses %j, saying the syntax and what was wrong', (text, message) => {
    expect(() => parseColumnMapping(text)).toThrow(message);
  });

  it('says the syntax in every refusal', () => {
    expect(() => parseColumnMapping('x')).toThrow('columns: expected field=column pairs separated by commas, e.g. "date=1,amount=4,text=6,name=3,currency=EUR"');
  });
});
