import type { FormField, FormSettings } from '@voronka/common';
import type { WebForm } from '../../db/types-inbox.ts';
import { formMessages } from './form-messages.ts';
import { CONSENT, HONEYPOT } from './submit-form.ts';

/** Escapes text for HTML content and attribute values: every answer is shown as text, never markup. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);

export type PageState = {
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
  /** Hidden context carried from the GET to the POST: page, referrer, UTM marks, embed flag. */
  hidden: Record<string, string>;
  nonce: string;
};

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#fff}
main{max-width:520px;margin:0 auto;padding:24px 16px}h1{font-size:22px;margin:0 0 16px}label{display:block;font-weight:600;margin:0 0 4px}
.f{margin:0 0 14px}input[type=text],input[type=tel],input[type=email],textarea,select{width:100%;padding:10px 12px;border:1px solid #c5ccd3;border-radius:8px;font:inherit}
textarea{min-height:110px}.err{color:#c92a2a;font-size:14px;margin-top:4px}.bad input,.bad textarea,.bad select{border-color:#c92a2a}
button{background:#1c7ed6;color:#fff;border:0;border-radius:8px;padding:11px 20px;font:inherit;font-weight:600;cursor:pointer}
.check{display:flex;gap:8px;align-items:flex-start;font-weight:400}.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.note{padding:12px 14px;border-radius:8px;background:#fff5f5;color:#c92a2a;margin:0 0 14px}.ok{padding:18px;border-radius:8px;background:#ebfbee;color:#2b8a3e;white-space:pre-wrap}
.req{color:#c92a2a}`;

/** Keeps the parent page's iframe as tall as the form (the embed script listens). */
const resizeScript = (nonce: string, uid: string) =>
  `<script nonce="${nonce}">(function(){function s(){parent.postMessage({voronkaForm:${JSON.stringify(uid)},height:document.documentElement.scrollHeight},"*")}addEventListener("load",s);addEventListener("resize",s);s()})();</script>`;

export function pageShell(form: WebForm, title: string, body: string, nonce: string): string {
  return `<!doctype html><html lang="${escapeHtml(form.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head><body><main>${body}</main>${resizeScript(nonce, form.uid)}</body></html>`;
}

function fieldHtml(
  f: FormField,
  value: string,
  error: string | undefined,
  placeholderSelect: string,
): string {
  const id = `f_${f.key}`;
  const req = f.required ? ' required' : '';
  const star = f.required ? ' <span class="req">*</span>' : '';
  const ph = f.placeholder ? ` placeholder="${escapeHtml(f.placeholder)}"` : '';
  const v = escapeHtml(value);
  const err = error ? `<div class="err" id="${id}_err">${escapeHtml(error)}</div>` : '';
  const described = error ? ` aria-invalid="true" aria-describedby="${id}_err"` : '';
  const name = `name="${escapeHtml(f.key)}" id="${id}"${req}${described}`;
  let input: string;
  switch (f.type) {
    case 'textarea':
      input = `<textarea ${name}${ph} maxlength="5000">${v}</textarea>`;
      break;
    case 'select':
      input = `<select ${name}><option value="">${escapeHtml(placeholderSelect)}</option>${f.options
        .map((o) => `<option${o === value ? ' selected' : ''}>${escapeHtml(o)}</option>`)
        .join('')}</select>`;
      break;
    case 'checkbox':
      return `<div class="f${error ? ' bad' : ''}"><label class="check"><input type="checkbox" ${name} value="on"${value ? ' checked' : ''}> <span>${escapeHtml(f.label)}${star}</span></label>${err}</div>`;
    default: {
      const type = f.type === 'phone' ? 'tel' : f.type === 'email' ? 'email' : 'text';
      const mode = f.type === 'number' ? ' inputmode="decimal"' : '';
      input = `<input type="${type}" ${name}${ph}${mode} value="${v}" maxlength="500">`;
    }
  }
  return `<div class="f${error ? ' bad' : ''}"><label for="${id}">${escapeHtml(f.label)}${star}</label>${input}${err}</div>`;
}

/** The hosted form page: fields, consent, honeypot and the hidden context, all values escaped. */
export function renderFormPage(form: WebForm, settings: FormSettings, state: PageState): string {
  const m = formMessages(form.lang);
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const hidden = Object.entries(state.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const consent = settings.consent.enabled
    ? `<div class="f${errors[CONSENT] ? ' bad' : ''}"><label class="check"><input type="checkbox" name="${CONSENT}" value="on" required${values[CONSENT] ? ' checked' : ''}> <span>${escapeHtml(settings.consent.text)}</span></label>${errors[CONSENT] ? `<div class="err">${escapeHtml(errors[CONSENT])}</div>` : ''}</div>`
    : '';
  const body = `<h1>${escapeHtml(form.name)}</h1>${hasErrors ? `<div class="note" role="alert">${escapeHtml(m.fixErrors)}</div>` : ''}<form method="post" action="/public/forms/${escapeHtml(form.uid)}" accept-charset="utf-8" novalidate>${settings.fields
    .map((f) => fieldHtml(f, values[f.key] ?? '', errors[f.key], m.select))
    .join(
      '',
    )}${consent}<div class="hp" aria-hidden="true"><label>Website<input type="text" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></label></div>${hidden}<button type="submit">${escapeHtml(settings.submit_label || m.submit)}</button></form>`;
  return pageShell(form, form.name, body, state.nonce);
}

/** After a submission: the thank-you text, or a redirect of the top window (the form may be in an iframe). */
export function renderSuccessPage(form: WebForm, settings: FormSettings, nonce: string): string {
  const m = formMessages(form.lang);
  if (settings.success.mode === 'redirect') {
    const url = settings.success.redirect_url;
    return pageShell(
      form,
      form.name,
      `<p class="ok">${escapeHtml(m.redirecting)} <a href="${escapeHtml(url)}" target="_top">${escapeHtml(url)}</a></p><script nonce="${nonce}">window.top.location.href=${JSON.stringify(url).replace(/</g, '\\u003c')};</script>`,
      nonce,
    );
  }
  return pageShell(
    form,
    form.name,
    `<div class="ok" role="status" data-testid="form-thanks">${escapeHtml(settings.success.text || m.thanks)}</div>`,
    nonce,
  );
}

/** A page that only says something went wrong (rate limit, too large, not found), in the form's language. */
export function renderMessagePage(form: WebForm | null, message: string, nonce: string): string {
  const lang = form?.lang ?? 'ru';
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(message)}</title><style nonce="${nonce}">${STYLE}</style></head><body><main><p class="note" role="alert">${escapeHtml(message)}</p></main></body></html>`;
}
