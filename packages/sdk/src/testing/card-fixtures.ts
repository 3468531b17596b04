import type {
  CardBankAccount,
  EntrepreneurCard,
  IndividualCard,
  OrganizationCard,
} from '@cardcoop/contracts';

/** Valid cards of each kind (real checksums), shared by the card tests. */
export const sberbank: CardBankAccount = {
  currency: 'RUB',
  card_number: '2200000000000004',
  bank_name: 'ПАО Сбербанк',
  account_number: '40702810938000000001',
  details: { bik: '044525225', corr: '30101810400000000225' },
};

export const individual: IndividualCard = {
  kind: 'individual',
  first_name: 'Иван',
  last_name: 'Петров',
  middle_name: 'Сергеевич',
  birthdate: '1990-04-12',
  full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  phone: '+79991234567',
  email: 'ivan@example.com',
  passport: {
    series: '4509',
    number: '123456',
    issued_by: 'ОВД района Хамовники г. Москвы',
    issued_at: '2010-05-20',
    code: '772-053',
  },
};

/** The member of the sharing tests: no passport, so the consent screen lists a few plain fields. */
export const anna: IndividualCard = {
  kind: 'individual',
  first_name: 'Анна',
  last_name: 'Петрова',
  middle_name: 'Ивановна',
  birthdate: '1988-02-14',
  full_address: 'г. Тверь, ул. Советская, д. 5',
  phone: '+79001112233',
  email: 'anna@example.com',
};

export const entrepreneur: EntrepreneurCard = {
  kind: 'entrepreneur',
  first_name: 'Анна',
  last_name: 'Смирнова',
  birthdate: '1985-11-30',
  phone: '+79161234567',
  email: 'anna@example.com',
  country: 'RU',
  city: 'Москва',
  full_address: 'г. Москва, ул. Арбат, д. 10',
  details: { inn: '500100732259', ogrn: '304500116000157' },
  bank_account: { ...sberbank, account_number: '40802810838000000001' },
};

export const organization: OrganizationCard = {
  kind: 'organization',
  type: 'coop',
  short_name: 'ПК «Восход»',
  full_name: 'Потребительский кооператив «Восход»',
  represented_by: {
    first_name: 'Пётр',
    last_name: 'Иванов',
    middle_name: '',
    position: 'Председатель совета',
    based_on: 'Устав',
  },
  country: 'RU',
  city: 'Москва',
  full_address: 'г. Москва, ул. Ленина, д. 5',
  fact_address: 'г. Москва, ул. Ленина, д. 5, офис 3',
  phone: '+74951234567',
  email: 'info@example.coop',
  details: { inn: '7707083893', ogrn: '1027700132195', kpp: '773601001' },
  bank_account: sberbank,
};
