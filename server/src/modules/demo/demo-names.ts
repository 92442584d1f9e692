import type { Random } from './random.ts';

const words = (text: string): string[] => text.split(' ');

/** Russian and Ukrainian people, companies and phone numbers, typed the way people type them. */

const maleFirst = words(
  'Александр Алексей Андрей Артём Богдан Вадим Василий Виктор Владимир Дмитрий Евгений Иван ' +
    'Игорь Илья Кирилл Максим Михаил Никита Олег Павел Роман Сергей Станислав Тарас Юрий ' +
    'Ярослав Остап Назар Денис',
);
const femaleFirst = words(
  'Анастасия Анна Валентина Виктория Галина Дарья Екатерина Елена Ирина Ксения Лариса Людмила ' +
    'Мария Наталья Оксана Ольга Полина Светлана Софья Татьяна Юлия Яна Леся Соломия Богдана ' +
    'Олеся Алёна Вера',
);
/** Surnames with a masculine and a feminine form (Ukrainian -енко / -ук are the same for both). */
const surnames: Array<[string, string]> = words(
  'Иванов/Иванова Смирнов/Смирнова Кузнецов/Кузнецова Попов/Попова Соколов/Соколова ' +
    'Лебедев/Лебедева Козлов/Козлова Новиков/Новикова Морозов/Морозова Петров/Петрова ' +
    'Волков/Волкова Соловьёв/Соловьёва Васильев/Васильева Зайцев/Зайцева Павлов/Павлова ' +
    'Семёнов/Семёнова Голубев/Голубева Виноградов/Виноградова Богданов/Богданова Орлов/Орлова ' +
    'Шевченко Коваленко Бондаренко Ткаченко Кравченко Олейник Мельник Поляк Ковальчук Савчук ' +
    'Бойко Ковальский/Ковальская Левицкий/Левицкая Грищенко Лысенко Марченко Руденко ' +
    'Ёлкин/Ёлкина',
).map((w) => {
  const [male = w, female = male] = w.split('/');
  return [male, female];
});

/** Cyrillic letters and their Latin spelling ('-' for the silent signs), for e-mail addresses. */
const cyrillic = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїє'];
const latinOf = words('a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh sch - y - e yu ya i yi ye');
const translit = new Map(cyrillic.map((ch, i) => [ch, (latinOf[i] ?? '').replace('-', '')]));
const latin = (s: string) => [...s.toLowerCase()].map((ch) => translit.get(ch) ?? ch).join('');

export type Person = { first: string; last: string; name: string; email: string };

const mailDomains = ['mail.ru', 'yandex.ru', 'gmail.com', 'ukr.net', 'i.ua', 'bk.ru', 'inbox.ru'];

export function person(r: Random, seq: number): Person {
  const female = r.chance(0.5);
  const first = r.pick(female ? femaleFirst : maleFirst);
  const [male, fem] = r.pick(surnames);
  const last = female ? fem : male;
  // seq keeps e-mails unique enough for duplicate control to be meaningful.
  const local = r.chance(0.5) ? `${latin(first)}.${latin(last)}` : `${latin(last)}${seq % 1000}`;
  return { first, last, name: `${first} ${last}`, email: `${local}${seq}@${r.pick(mailDomains)}` };
}

const companyRoots = words(
  'Альфа Вектор Гранит Днепр Север Восток Техно Стройком Агро Медиа Логистик Карпаты Волга ' +
    'Сибирь Прайм Эко Смарт Форвард Монолит Орион',
);
const companySuffixes = ['', '-Плюс', 'Сервис', 'Трейд', 'Групп', 'Софт', 'Маркет', '-Юг'];

export function companyName(r: Random): string {
  const name = `${r.pick(companyRoots)}${r.pick(companySuffixes)}`;
  const form = r.weighted([5, 3, 2, 1]);
  if (form === 0) return `ООО «${name}»`;
  if (form === 1) return `ТОВ «${name}»`;
  if (form === 2) return `ИП ${r.pick(surnames)[0]} ${r.pick(maleFirst).charAt(0)}.`;
  return `АО «${name}»`;
}

export const dealProducts = [
  'Курс «Английский B1»',
  'Курс «Python с нуля»',
  'Интенсив по маркетингу',
  'Годовая подписка',
  'Консультация',
  'Диван угловой «Милан»',
  'Кухонный гарнитур',
  'Ремонт квартиры',
  'Установка окон',
  'Поставка кофе (опт)',
  'Корпоративное обучение',
  'Аренда оборудования',
  'Разработка сайта',
  'SEO-продвижение',
  'Фотосессия',
  'Тур в Карпаты',
  'Подбор персонала',
  'Бухгалтерское обслуживание',
];

const ruMobileCodes = words('912 916 903 925 926 985 999 950 964 977 921');
const uaMobileCodes = words('50 63 66 67 68 73 93 95 96 97 98 99');

/** A mobile number as a person would type it into a form: one of many formats. */
export function typedPhone(r: Random): string {
  if (r.chance(0.2)) {
    const code = r.pick(uaMobileCodes);
    const n = r.digits(7);
    const [a, b, c] = [n.slice(0, 3), n.slice(3, 5), n.slice(5)];
    return r.pick([
      `+380 ${code} ${a} ${b} ${c}`,
      `+380${code}${n}`,
      `+380 (${code}) ${a}-${b}-${c}`,
      `+38 0${code} ${a} ${b}${c}`,
    ]);
  }
  const code = r.pick(ruMobileCodes);
  const n = r.digits(7);
  const [a, b, c] = [n.slice(0, 3), n.slice(3, 5), n.slice(5)];
  return r.pick([
    `+7 (${code}) ${a}-${b}-${c}`,
    `8 (${code}) ${a}-${b}-${c}`,
    `+7${code}${n}`,
    `8${code}${n}`,
    `8 ${code} ${a} ${b} ${c}`,
    `+7 ${code} ${a}${b}${c}`,
    `${code}-${a}-${b}-${c}`,
    `7 ${code} ${a} ${b} ${c}`,
  ]);
}

export const positions = ['Директор', 'Менеджер', 'Бухгалтер', 'Маркетолог', 'Владелец', 'Закупщик'];
export const noteTexts = [
  'Перезвонить после обеда',
  'Клиент просит прислать КП на почту',
  'Уточнить сроки доставки',
  'Интересуется рассрочкой',
  'Передал контакты руководителю',
  'Хочет скидку за предоплату',
];
export const taskTexts = ['Перезвонить клиенту', 'Отправить счёт', 'Назначить встречу', 'Уточнить оплату'];
