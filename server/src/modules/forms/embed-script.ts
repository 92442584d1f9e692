import { utmKeys } from '@voronka/common';
import type { WebForm } from '../../db/types-inbox.ts';

/**
 * The embed script: inserts an iframe with the hosted form right after its own script tag,
 * passing the page's address, its referrer and its UTM marks, and keeps the iframe as tall as
 * the form. Plain ES5 so it runs on any site.
 */
export function embedScript(form: WebForm, origin: string): string {
  const url = JSON.stringify(`${origin}/public/forms/${encodeURIComponent(form.uid)}`);
  return `(function(){var s=document.currentScript;if(!s)return;var u=${url}+"?embed=1";var q=new URLSearchParams(location.search);
${JSON.stringify(utmKeys)}.forEach(function(k){var v=q.get(k);if(v)u+="&"+k+"="+encodeURIComponent(v)});
u+="&page="+encodeURIComponent(location.href);if(document.referrer)u+="&ref="+encodeURIComponent(document.referrer);
var f=document.createElement("iframe");f.src=u;f.title=${JSON.stringify(form.name)};f.style.cssText="width:100%;max-width:560px;border:0;height:520px;display:block";f.setAttribute("loading","lazy");
s.parentNode.insertBefore(f,s.nextSibling);
window.addEventListener("message",function(e){if(e.origin===${JSON.stringify(origin)}&&e.data&&e.data.voronkaForm===${JSON.stringify(form.uid)}&&e.data.height>0)f.style.height=Math.min(e.data.height+4,5000)+"px"});})();
`;
}

/** The snippets shown in the builder for a form. */
export function formLinks(form: WebForm, origin: string) {
  const page = `${origin}/public/forms/${encodeURIComponent(form.uid)}`;
  return {
    page,
    script: `<script src="${page}/embed.js" async></script>`,
    iframe: `<iframe src="${page}?embed=1" title="${form.name.replace(/[&<>"]/g, '')}" style="width:100%;max-width:560px;height:560px;border:0"></iframe>`,
  };
}
