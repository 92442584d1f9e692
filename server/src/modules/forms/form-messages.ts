import type { FormLanguage } from '@voronka/common';

/** The words of the public form page, in the form's own language (not the visitor's). */
const messages = {
  ru: {
    submit: 'Отправить',
    required: 'Заполните это поле',
    phone: 'Укажите телефон полностью, например +7 912 345-67-89',
    email: 'Укажите email, например name@example.com',
    number: 'Укажите число',
    choice: 'Выберите вариант из списка',
    tooLong: 'Слишком длинный ответ',
    consent: 'Нужно ваше согласие',
    thanks: 'Спасибо! Заявка отправлена, мы скоро свяжемся с вами.',
    fixErrors: 'Проверьте поля формы',
    rateLimited: 'Слишком много отправок с вашего адреса. Попробуйте через несколько минут.',
    tooLarge: 'Форма слишком большая и не была принята.',
    notFound: 'Форма не найдена или отключена.',
    failed: 'Не удалось отправить форму. Попробуйте ещё раз.',
    redirecting: 'Переходим дальше…',
    select: 'Выберите…',
  },
  en: {
    submit: 'Send',
    required: 'Please fill in this field',
    phone: 'Enter the full phone number, e.g. +1 202 555 0143',
    email: 'Enter an email, e.g. name@example.com',
    number: 'Enter a number',
    choice: 'Choose one of the options',
    tooLong: 'The answer is too long',
    consent: 'Your consent is required',
    thanks: 'Thank you! Your request has been sent; we will be in touch soon.',
    fixErrors: 'Please check the form',
    rateLimited: 'Too many submissions from your address. Please try again in a few minutes.',
    tooLarge: 'The form is too large and was not accepted.',
    notFound: 'This form does not exist or is switched off.',
    failed: 'The form could not be sent. Please try again.',
    redirecting: 'Redirecting…',
    select: 'Choose…',
  },
  uk: {
    submit: 'Надіслати',
    required: 'Заповніть це поле',
    phone: 'Вкажіть телефон повністю, наприклад +380 67 123 45 67',
    email: 'Вкажіть email, наприклад name@example.com',
    number: 'Вкажіть число',
    choice: 'Оберіть варіант зі списку',
    tooLong: 'Занадто довга відповідь',
    consent: 'Потрібна ваша згода',
    thanks: 'Дякуємо! Заявку надіслано, ми скоро з вами зв’яжемося.',
    fixErrors: 'Перевірте поля форми',
    rateLimited: 'Забагато надсилань з вашої адреси. Спробуйте за кілька хвилин.',
    tooLarge: 'Форма завелика і не була прийнята.',
    notFound: 'Форму не знайдено або вимкнено.',
    failed: 'Не вдалося надіслати форму. Спробуйте ще раз.',
    redirecting: 'Переходимо далі…',
    select: 'Оберіть…',
  },
} satisfies Record<FormLanguage, Record<string, string>>;

export type FormMessages = (typeof messages)['ru'];
export const formMessages = (lang: string): FormMessages =>
  lang === 'en' ? messages.en : lang === 'uk' ? messages.uk : messages.ru;
