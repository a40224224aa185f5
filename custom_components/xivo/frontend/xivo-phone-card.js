/*! XiVO phone card for Home Assistant. Built from frontend/ (npm run build); do not edit. Includes Lit (BSD-3-Clause). */
var e=globalThis,t=e.ShadowRoot&&(e.ShadyCSS===void 0||e.ShadyCSS.nativeShadow)&&`adoptedStyleSheets`in Document.prototype&&`replace`in CSSStyleSheet.prototype,n=Symbol(),r=/* @__PURE__ */ new WeakMap,i=class{constructor(e,t,r){if(this._$cssResult$=!0,r!==n)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,n=this.t;if(t&&e===void 0){let t=n!==void 0&&n.length===1;t&&(e=r.get(n)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),t&&r.set(n,e))}return e}toString(){return this.cssText}},a=e=>new i(typeof e==`string`?e:e+``,void 0,n),o=(e,...t)=>new i(e.length===1?e[0]:t.reduce((t,n,r)=>t+(e=>{if(!0===e._$cssResult$)return e.cssText;if(typeof e==`number`)return e;throw Error(`Value passed to 'css' function must be a 'css' function result: `+e+`. Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.`)})(n)+e[r+1],e[0]),e,n),s=(n,r)=>{if(t)n.adoptedStyleSheets=r.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let t of r){let r=document.createElement(`style`),i=e.litNonce;i!==void 0&&r.setAttribute(`nonce`,i),r.textContent=t.cssText,n.appendChild(r)}},c=t?e=>e:e=>e instanceof CSSStyleSheet?(e=>{let t=``;for(let n of e.cssRules)t+=n.cssText;return a(t)})(e):e,{is:l,defineProperty:u,getOwnPropertyDescriptor:d,getOwnPropertyNames:f,getOwnPropertySymbols:p,getPrototypeOf:m}=Object,h=globalThis,ee=h.trustedTypes,te=ee?ee.emptyScript:``,ne=h.reactiveElementPolyfillSupport,g=(e,t)=>e,re={toAttribute(e,t){switch(t){case Boolean:e=e?te:null;break;case Object:case Array:e=e==null?e:JSON.stringify(e)}return e},fromAttribute(e,t){let n=e;switch(t){case Boolean:n=e!==null;break;case Number:n=e===null?null:Number(e);break;case Object:case Array:try{n=JSON.parse(e)}catch{n=null}}return n}},ie=(e,t)=>!l(e,t),ae={attribute:!0,type:String,converter:re,reflect:!1,useDefault:!1,hasChanged:ie};Symbol.metadata??=Symbol(`metadata`),h.litPropertyMetadata??=/* @__PURE__ */ new WeakMap;var _=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=ae){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let n=Symbol(),r=this.getPropertyDescriptor(e,n,t);r!==void 0&&u(this.prototype,e,r)}}static getPropertyDescriptor(e,t,n){let{get:r,set:i}=d(this.prototype,e)??{get(){return this[t]},set(e){this[t]=e}};return{get:r,set(t){let a=r?.call(this);i?.call(this,t),this.requestUpdate(e,a,n)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??ae}static _$Ei(){if(this.hasOwnProperty(g(`elementProperties`)))return;let e=m(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(g(`finalized`)))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(g(`properties`))){let e=this.properties,t=[...f(e),...p(e)];for(let n of t)this.createProperty(n,e[n])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[e,n]of t)this.elementProperties.set(e,n)}this._$Eh=/* @__PURE__ */ new Map;for(let[e,t]of this.elementProperties){let n=this._$Eu(e,t);n!==void 0&&this._$Eh.set(n,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let n=new Set(e.flat(1/0).reverse());for(let e of n)t.unshift(c(e))}else e!==void 0&&t.push(c(e));return t}static _$Eu(e,t){let n=t.attribute;return!1===n?void 0:typeof n==`string`?n:typeof e==`string`?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=/* @__PURE__ */ new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=/* @__PURE__ */ new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=/* @__PURE__ */ new Map,t=this.constructor.elementProperties;for(let n of t.keys())this.hasOwnProperty(n)&&(e.set(n,this[n]),delete this[n]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return s(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,n){this._$AK(e,n)}_$ET(e,t){let n=this.constructor.elementProperties.get(e),r=this.constructor._$Eu(e,n);if(r!==void 0&&!0===n.reflect){let i=(n.converter?.toAttribute===void 0?re:n.converter).toAttribute(t,n.type);this._$Em=e,i==null?this.removeAttribute(r):this.setAttribute(r,i),this._$Em=null}}_$AK(e,t){let n=this.constructor,r=n._$Eh.get(e);if(r!==void 0&&this._$Em!==r){let e=n.getPropertyOptions(r),i=typeof e.converter==`function`?{fromAttribute:e.converter}:e.converter?.fromAttribute===void 0?re:e.converter;this._$Em=r;let a=i.fromAttribute(t,e.type);this[r]=a??this._$Ej?.get(r)??a,this._$Em=null}}requestUpdate(e,t,n,r=!1,i){if(e!==void 0){let a=this.constructor;if(!1===r&&(i=this[e]),n??=a.getPropertyOptions(e),!((n.hasChanged??ie)(i,t)||n.useDefault&&n.reflect&&i===this._$Ej?.get(e)&&!this.hasAttribute(a._$Eu(e,n))))return;this.C(e,t,n)}!1===this.isUpdatePending&&(this._$ES=this._$EP())}C(e,t,{useDefault:n,reflect:r,wrapped:i},a){n&&!(this._$Ej??=/* @__PURE__ */ new Map).has(e)&&(this._$Ej.set(e,a??t??this[e]),!0!==i||a!==void 0)||(this._$AL.has(e)||(this.hasUpdated||n||(t=void 0),this._$AL.set(e,t)),!0===r&&this._$Em!==e&&(this._$Eq??=/* @__PURE__ */ new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[e,t]of this._$Ep)this[e]=t;this._$Ep=void 0}let e=this.constructor.elementProperties;if(e.size>0)for(let[t,n]of e){let{wrapped:e}=n,r=this[t];!0!==e||this._$AL.has(t)||r===void 0||this.C(t,void 0,n,r)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(e=>e.hostUpdate?.()),this.update(t)):this._$EM()}catch(t){throw e=!1,this._$EM(),t}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=/* @__PURE__ */ new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(e){}firstUpdated(e){}};_.elementStyles=[],_.shadowRootOptions={mode:`open`},_[g(`elementProperties`)]=/* @__PURE__ */ new Map,_[g(`finalized`)]=/* @__PURE__ */ new Map,ne?.({ReactiveElement:_}),(h.reactiveElementVersions??=[]).push(`2.1.2`);var v=globalThis,oe=e=>e,y=v.trustedTypes,se=y?y.createPolicy(`lit-html`,{createHTML:e=>e}):void 0,b=`$lit$`,x=`lit$${Math.random().toFixed(9).slice(2)}$`,ce=`?`+x,le=`<${ce}>`,S=document,C=()=>S.createComment(``),w=e=>e===null||typeof e!=`object`&&typeof e!=`function`,ue=Array.isArray,de=e=>ue(e)||typeof e?.[Symbol.iterator]==`function`,fe=`[ 	
\f\r]`,T=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,pe=/-->/g,me=/>/g,E=RegExp(`>|${fe}(?:([^\\s"'>=/]+)(${fe}*=${fe}*(?:[^ \t\n\f\r"'\`<>=]|("|')|))|$)`,`g`),he=/'/g,ge=/"/g,_e=/^(?:script|style|textarea|title)$/i,ve=e=>(t,...n)=>({_$litType$:e,strings:t,values:n}),D=ve(1),ye=ve(2),O=Symbol.for(`lit-noChange`),k=Symbol.for(`lit-nothing`),be=/* @__PURE__ */ new WeakMap,A=S.createTreeWalker(S,129);function xe(e,t){if(!ue(e)||!e.hasOwnProperty(`raw`))throw Error(`invalid template strings array`);return se===void 0?t:se.createHTML(t)}var Se=(e,t)=>{let n=e.length-1,r=[],i,a=t===2?`<svg>`:t===3?`<math>`:``,o=T;for(let t=0;t<n;t++){let n=e[t],s,c,l=-1,u=0;for(;u<n.length&&(o.lastIndex=u,c=o.exec(n),c!==null);)u=o.lastIndex,o===T?c[1]===`!--`?o=pe:c[1]===void 0?c[2]===void 0?c[3]!==void 0&&(o=E):(_e.test(c[2])&&(i=RegExp(`</`+c[2],`g`)),o=E):o=me:o===E?c[0]===`>`?(o=i??T,l=-1):c[1]===void 0?l=-2:(l=o.lastIndex-c[2].length,s=c[1],o=c[3]===void 0?E:c[3]===`"`?ge:he):o===ge||o===he?o=E:o===pe||o===me?o=T:(o=E,i=void 0);let d=o===E&&e[t+1].startsWith(`/>`)?` `:``;a+=o===T?n+le:l>=0?(r.push(s),n.slice(0,l)+b+n.slice(l)+x+d):n+x+(l===-2?t:d)}return[xe(e,a+(e[n]||`<?>`)+(t===2?`</svg>`:t===3?`</math>`:``)),r]},j=class e{constructor({strings:t,_$litType$:n},r){let i;this.parts=[];let a=0,o=0,s=t.length-1,c=this.parts,[l,u]=Se(t,n);if(this.el=e.createElement(l,r),A.currentNode=this.el.content,n===2||n===3){let e=this.el.content.firstChild;e.replaceWith(...e.childNodes)}for(;(i=A.nextNode())!==null&&c.length<s;){if(i.nodeType===1){if(i.hasAttributes())for(let e of i.getAttributeNames())if(e.endsWith(b)){let t=u[o++],n=i.getAttribute(e).split(x),r=/([.?@])?(.*)/.exec(t);c.push({type:1,index:a,name:r[2],strings:n,ctor:r[1]===`.`?we:r[1]===`?`?Te:r[1]===`@`?Ee:P}),i.removeAttribute(e)}else e.startsWith(x)&&(c.push({type:6,index:a}),i.removeAttribute(e));if(_e.test(i.tagName)){let e=i.textContent.split(x),t=e.length-1;if(t>0){i.textContent=y?y.emptyScript:``;for(let n=0;n<t;n++)i.append(e[n],C()),A.nextNode(),c.push({type:2,index:++a});i.append(e[t],C())}}}else if(i.nodeType===8){if(i.data===ce)c.push({type:2,index:a});else{let e=-1;for(;(e=i.data.indexOf(x,e+1))!==-1;)c.push({type:7,index:a}),e+=x.length-1}}a++}}static createElement(e,t){let n=S.createElement(`template`);return n.innerHTML=e,n}};function M(e,t,n=e,r){if(t===O)return t;let i=r===void 0?n._$Cl:n._$Co?.[r],a=w(t)?void 0:t._$litDirective$;return i?.constructor!==a&&(i?._$AO?.(!1),a===void 0?i=void 0:(i=new a(e),i._$AT(e,n,r)),r===void 0?n._$Cl=i:(n._$Co??=[])[r]=i),i!==void 0&&(t=M(e,i._$AS(e,t.values),i,r)),t}var Ce=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:n}=this._$AD,r=(e?.creationScope??S).importNode(t,!0);A.currentNode=r;let i=A.nextNode(),a=0,o=0,s=n[0];for(;s!==void 0;){if(a===s.index){let t;s.type===2?t=new N(i,i.nextSibling,this,e):s.type===1?t=new s.ctor(i,s.name,s.strings,this,e):s.type===6&&(t=new De(i,this,e)),this._$AV.push(t),s=n[++o]}a!==s?.index&&(i=A.nextNode(),a++)}return A.currentNode=S,r}p(e){let t=0;for(let n of this._$AV)n!==void 0&&(n.strings===void 0?n._$AI(e[t]):(n._$AI(e,n,t),t+=n.strings.length-2)),t++}},N=class e{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,n,r){this.type=2,this._$AH=k,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=n,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=M(this,e,t),w(e)?e===k||e==null||e===``?(this._$AH!==k&&this._$AR(),this._$AH=k):e!==this._$AH&&e!==O&&this._(e):e._$litType$===void 0?e.nodeType===void 0?de(e)?this.k(e):this._(e):this.T(e):this.$(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==k&&w(this._$AH)?this._$AA.nextSibling.data=e:this.T(S.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:n}=e,r=typeof n==`number`?this._$AC(e):(n.el===void 0&&(n.el=j.createElement(xe(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===r)this._$AH.p(t);else{let e=new Ce(r,this),n=e.u(this.options);e.p(t),this.T(n),this._$AH=e}}_$AC(e){let t=be.get(e.strings);return t===void 0&&be.set(e.strings,t=new j(e)),t}k(t){ue(this._$AH)||(this._$AH=[],this._$AR());let n=this._$AH,r,i=0;for(let a of t)i===n.length?n.push(r=new e(this.O(C()),this.O(C()),this,this.options)):r=n[i],r._$AI(a),i++;i<n.length&&(this._$AR(r&&r._$AB.nextSibling,i),n.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let t=oe(e).nextSibling;oe(e).remove(),e=t}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},P=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,n,r,i){this.type=1,this._$AH=k,this._$AN=void 0,this.element=e,this.name=t,this._$AM=r,this.options=i,n.length>2||n[0]!==``||n[1]!==``?(this._$AH=Array(n.length-1).fill(/* @__PURE__ */ new String),this.strings=n):this._$AH=k}_$AI(e,t=this,n,r){let i=this.strings,a=!1;if(i===void 0)e=M(this,e,t,0),a=!w(e)||e!==this._$AH&&e!==O,a&&(this._$AH=e);else{let r=e,o,s;for(e=i[0],o=0;o<i.length-1;o++)s=M(this,r[n+o],t,o),s===O&&(s=this._$AH[o]),a||=!w(s)||s!==this._$AH[o],s===k?e=k:e!==k&&(e+=(s??``)+i[o+1]),this._$AH[o]=s}a&&!r&&this.j(e)}j(e){e===k?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??``)}},we=class extends P{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===k?void 0:e}},Te=class extends P{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==k)}},Ee=class extends P{constructor(e,t,n,r,i){super(e,t,n,r,i),this.type=5}_$AI(e,t=this){if((e=M(this,e,t,0)??k)===O)return;let n=this._$AH,r=e===k&&n!==k||e.capture!==n.capture||e.once!==n.once||e.passive!==n.passive,i=e!==k&&(n===k||r);r&&this.element.removeEventListener(this.name,this,n),i&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH==`function`?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},De=class{constructor(e,t,n){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(e){M(this,e)}},Oe={M:b,P:x,A:ce,C:1,L:Se,R:Ce,D:de,V:M,I:N,H:P,N:Te,U:Ee,B:we,F:De},ke=v.litHtmlPolyfillSupport;ke?.(j,N),(v.litHtmlVersions??=[]).push(`3.3.3`);var Ae=(e,t,n)=>{let r=n?.renderBefore??t,i=r._$litPart$;if(i===void 0){let e=n?.renderBefore??null;r._$litPart$=i=new N(t.insertBefore(C(),e),e,void 0,n??{})}return i._$AI(e),i},je=globalThis,F=class extends _{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=Ae(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return O}};F._$litElement$=!0,F.finalized=!0,je.litElementHydrateSupport?.({LitElement:F});var Me=je.litElementPolyfillSupport;Me?.({LitElement:F}),(je.litElementVersions??=[]).push(`4.2.2`);var I={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},Ne=e=>(...t)=>({_$litDirective$:e,values:t}),Pe=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,n){this._$Ct=e,this._$AM=t,this._$Ci=n}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}},{I:Fe}=Oe,Ie=e=>e,Le=e=>e.strings===void 0,Re=()=>document.createComment(``),L=(e,t,n)=>{let r=e._$AA.parentNode,i=t===void 0?e._$AB:t._$AA;if(n===void 0)n=new Fe(r.insertBefore(Re(),i),r.insertBefore(Re(),i),e,e.options);else{let t=n._$AB.nextSibling,a=n._$AM,o=a!==e;if(o){let t;n._$AQ?.(e),n._$AM=e,n._$AP!==void 0&&(t=e._$AU)!==a._$AU&&n._$AP(t)}if(t!==i||o){let e=n._$AA;for(;e!==t;){let t=Ie(e).nextSibling;Ie(r).insertBefore(e,i),e=t}}}return n},R=(e,t,n=e)=>(e._$AI(t,n),e),ze={},Be=(e,t=ze)=>e._$AH=t,Ve=e=>e._$AH,He=e=>{e._$AR(),e._$AA.remove()},Ue=(e,t,n)=>{let r=/* @__PURE__ */ new Map;for(let i=t;i<=n;i++)r.set(e[i],i);return r},z=Ne(class extends Pe{constructor(e){if(super(e),e.type!==I.CHILD)throw Error(`repeat() can only be used in text expressions`)}dt(e,t,n){let r;n===void 0?n=t:t!==void 0&&(r=t);let i=[],a=[],o=0;for(let t of e)i[o]=r?r(t,o):o,a[o]=n(t,o),o++;return{values:a,keys:i}}render(e,t,n){return this.dt(e,t,n).values}update(e,[t,n,r]){let i=Ve(e),{values:a,keys:o}=this.dt(t,n,r);if(!Array.isArray(i))return this.ut=o,a;let s=this.ut??=[],c=[],l,u,d=0,f=i.length-1,p=0,m=a.length-1;for(;d<=f&&p<=m;)if(i[d]===null)d++;else if(i[f]===null)f--;else if(s[d]===o[p])c[p]=R(i[d],a[p]),d++,p++;else if(s[f]===o[m])c[m]=R(i[f],a[m]),f--,m--;else if(s[d]===o[m])c[m]=R(i[d],a[m]),L(e,c[m+1],i[d]),d++,m--;else if(s[f]===o[p])c[p]=R(i[f],a[p]),L(e,i[d],i[f]),f--,p++;else if(l===void 0&&(l=Ue(o,p,m),u=Ue(s,d,f)),l.has(s[d])){if(l.has(s[f])){let t=u.get(o[p]),n=t===void 0?null:i[t];if(n===null){let t=L(e,i[d]);R(t,a[p]),c[p]=t}else c[p]=R(n,a[p]),L(e,i[d],n),i[t]=null;p++}else He(i[f]),f--}else He(i[d]),d++;for(;p<=m;){let t=L(e,c[m+1]);R(t,a[p]),c[p++]=t}for(;d<=f;){let e=i[d++];e!==null&&He(e)}return this.ut=o,Be(e,c),O}});function We(e,t){if(typeof e==`string`&&e)return e;let n=e?.message;return typeof n==`string`&&n?n:t}var B=`xivo`,Ge=/* @__PURE__ */ new Set([`phone_status`,`call_state`,`connected`,`dnd`,`unconditional_forward`,`no_answer_forward`,`busy_forward`,`unconditional_forward_destination`,`no_answer_forward_destination`,`busy_forward_destination`,`missed_calls`,`reset_missed_calls`,`voicemail_new`]);function Ke(e,t){let n={},r=[];for(let i of Object.values(e??{})){if(i.platform!==`xivo`||i.device_id!==t||!i.translation_key)continue;let e=i.translation_key;e===`hint`?r.push(i.entity_id):Ge.has(e)&&!n[e]&&(n[e]=i.entity_id)}return r.sort(),{byKey:n,hints:r}}function qe(e){let t;for(let n of Object.values(e?.entities??{}))if(n.platform===`xivo`&&n.device_id){if(n.translation_key===`phone_status`||n.translation_key===`call_state`)return n.device_id;t??=n.device_id}return t}function Je(e,t){let n=t?.attributes.number;if(typeof n==`string`&&n)return n;if(typeof n==`number`)return String(n);let r=/_([0-9*#+]+)$/.exec(e);return r?r[1]:e}var Ye=/* @__PURE__ */ new Set([`dialing`,`ringing`,`established`,`on_hold`]);function V(e){return typeof e==`string`?e||null:typeof e==`number`?String(e):null}function Xe(e){let t=e?.attributes.calls;if(!Array.isArray(t))return[];let n=[];for(let e of t){if(!e||typeof e!=`object`)continue;let t=e,r=V(t.unique_id),i=V(t.state);if(!r||!i||!Ye.has(i))continue;let a=t.direction===`incoming`||t.direction===`outgoing`?t.direction:null,o=t.name_source===`pbx`||t.name_source===`directory`?t.name_source:null;n.push({unique_id:r,linked_id:V(t.linked_id),state:i,direction:a,other_number:V(t.other_number),other_name:V(t.other_name),name_source:o,queue:V(t.queue),started_at:V(t.started_at),answered_at:V(t.answered_at)})}return n}function Ze(e){let t=e?.contacts;if(!Array.isArray(t))return[];let n=[];for(let e of t){if(!e||typeof e!=`object`)continue;let t=e,r=V(t.number),i=V(t.mobile);(r||i)&&n.push({name:V(t.name)??r??i??``,number:r,mobile:i,email:V(t.email),status:V(t.status),favorite:t.favorite===!0})}return n}function Qe(e){let t=e?.calls;if(!Array.isArray(t))return[];let n=[];for(let e of t){if(!e||typeof e!=`object`)continue;let t=e;n.push({start:V(t.start)??``,duration:typeof t.duration==`number`?t.duration:null,direction:V(t.direction),status:V(t.status),number:V(t.number),name:V(t.name)})}return n}function $e(e){let t=e.trim().replace(/[\s.\-/()]/g,``);return/^\+?[0-9*#]+$/.test(t)?t:null}function H(e){let t=Math.max(0,Math.floor(e)),n=Math.floor(t/3600),r=Math.floor(t%3600/60),i=String(t%60).padStart(2,`0`);return n>0?`${n}:${String(r).padStart(2,`0`)}:${i}`:`${r}:${i}`}function et(e,t){if(!e)return 0;let n=Date.parse(e);return Number.isNaN(n)?0:Math.max(0,t-n)}var tt=/* @__PURE__ */ new Set([`available`,`ringing`,`calling`,`busy`,`busy_and_ringing`,`on_hold`,`unreachable`,`deactivated`,`unexisting`,`error`]);function U(e){return e&&tt.has(e)?e:e===`unavailable`?`unavailable`:`unknown`}function W(e,t){return e||t||null}var nt=/* @__PURE__ */ new Set([`logged_out`,`ready`,`paused`,`ringing`,`dialing`,`on_call`,`wrap_up`]),rt=/* @__PURE__ */ new Set([`waiting_calls`,`longest_wait`,`estimated_wait`,`available_agents`,`talking_agents`,`logged_agents`,`calls_entered`,`calls_answered`,`calls_abandoned`,`answered_rate`]),it=e=>{if(typeof e==`number`)return Number.isFinite(e)?e:null;if(typeof e==`string`&&e.trim()!==``){let t=Number(e);return Number.isFinite(t)?t:null}return null},G=e=>typeof e==`string`?e||null:typeof e==`number`?String(e):null,at=e=>{if(typeof e!=`string`||!e)return null;let t=Date.parse(e);return Number.isNaN(t)?null:t};function ot(e){if(!e)return null;let t=e.attributes,n=[];if(Array.isArray(t.pause_reasons))for(let e of t.pause_reasons){let t=G(e?.name);t&&n.push({name:t,label:G(e.label)??t})}return{state:nt.has(e.state)?e.state:null,since:G(t.since),pauseReason:G(t.pause_reason),pauseReasons:n}}function st(e,t){return t?e.pauseReasons.find(e=>e.name===t)?.label??t:null}function ct(e,t){for(let n of Object.values(e?.entities??{}))if(n.platform===`xivo`&&n.device_id===t&&n.translation_key===`agent_state`)return n.entity_id}function lt(e,t){for(let[t,n]of e?.identifiers??[]){if(t!==`xivo`)continue;let e=/queue[_-]?(\d+)$/.exec(n);if(e)return e[1]}return t}function ut(e,t){if(!e)return[];let n=/* @__PURE__ */ new Map;for(let r of Object.values(e.entities??{})){if(r.platform!==`xivo`||!r.device_id||!r.translation_key||!rt.has(r.translation_key))continue;let i=e.devices?.[r.device_id];if(!i||i.via_device_id!==t)continue;let a=n.get(r.device_id);a||(a={deviceId:r.device_id,id:lt(i,r.device_id),byKey:{}},n.set(r.device_id,a)),a.byKey[r.translation_key]??=r.entity_id}let r=t=>dt(e.devices?.[t.deviceId])??t.id;return[...n.values()].sort((e,t)=>r(e).localeCompare(r(t))||e.id.localeCompare(t.id))}function dt(e){return e?.name_by_user||e?.name||null}function ft(e){let t=e?.attributes.calls;if(!Array.isArray(t))return[];let n=[];return t.forEach((e,t)=>{if(!e||typeof e!=`object`)return;let r=e;n.push({position:it(r.position)??t+1,number:G(r.number),name:G(r.name),since:at(r.waiting_since)})}),n.sort((e,t)=>e.position-t.position)}function K(e){return e?it(e.state):null}function pt(e,t,n){if(n===0)return null;let r=at(e?.attributes.waiting_since);if(r!==null)return r;let i=t.reduce((e,t)=>t.since!==null&&(e===null||t.since<e)?t.since:e,null);if(i!==null)return i;let a=K(e),o=at(e?.last_updated);return!a||o===null?null:o-a*1e3}function mt(e,t){let n=n=>{let r=t.byKey[n];return r?e.states[r]:void 0},r=n(`waiting_calls`),i=K(r),a=ft(r);return{id:t.id,name:dt(e.devices?.[t.deviceId])??t.id,waiting:i,longestSince:pt(n(`longest_wait`),a,i),estimatedWait:K(n(`estimated_wait`)),available:K(n(`available_agents`)),talking:K(n(`talking_agents`)),logged:K(n(`logged_agents`)),answeredRate:K(n(`answered_rate`)),calls:a}}function ht(e,t){return e===null?null:Math.max(0,Math.floor((t-e)/1e3))}var q=e=>e===null?`–`:String(Math.round(e)),gt=(e,t)=>{let n=ht(e,t);return n===null?`–`:H(n)},_t=e=>e.some(e=>e.longestSince!==null||e.calls.some(e=>e.since!==null));function vt(e){let t=(e,t)=>typeof e==`number`&&e>=0?e:t;return{waiting_warning:t(e?.waiting_warning,3),wait_warning:t(e?.wait_warning,60)}}function yt(e,t,n){if(e.waiting!==null&&e.waiting>=t.waiting_warning&&e.waiting>0)return!0;let r=ht(e.longestSince,n);return r!==null&&(e.waiting??1)>0&&r>=t.wait_warning}function bt(e){for(let t of[`waiting_warning`,`wait_warning`]){let n=e[t];if(n!==void 0&&(typeof n!=`number`||!Number.isFinite(n)||n<0))throw Error(`${t} must be a number, 0 or more`)}}var xt=class{constructor(e,t){this.host=e,this.deviceId=t,this.value=null,e.addController(this)}hostConnected(){}load(){try{let e=sessionStorage.getItem(this.key());this.value=e?JSON.parse(e):null}catch{this.value=null}}start(e,t){this.set({held:e,before:t.map(e=>e.unique_id),consult:null,sawHold:!1})}set(e){this.value=e;try{e?sessionStorage.setItem(this.key(),JSON.stringify(e)):sessionStorage.removeItem(this.key())}catch{}this.host.requestUpdate()}track(e){let t=this.value;if(!t)return;let n=e.find(e=>e.unique_id===t.held),r={...t};if(!n)r=null;else if(t.consult===null){let i=e.find(e=>!t.before.includes(e.unique_id));i&&(r.consult=i.unique_id),n.state===`on_hold`?r.sawHold=!0:t.sawHold&&!i&&(r=null)}else e.some(e=>e.unique_id===t.consult)||(r=null);JSON.stringify(r)!==JSON.stringify(t)&&this.set(r)}key(){return`xivo-phone-card:attended:${this.deviceId()}`}},St=1e4,Ct=class{constructor(e,t,n,r,i){this.host=e,this.state=t,this.entityId=n,this.act=r,this.say=i,this.sent={},this.drafts={},e.addController(this)}hostConnected(){}switchOn(e){let t=this.sent[e];return typeof t==`boolean`?t:this.state(e)?.state===`on`}destination(e){let t=`${e}_forward_destination`,n=this.sent[t];if(this.drafts[e]!==void 0)return this.drafts[e];if(typeof n==`string`)return n;let r=this.state(t)?.state;return r&&r!==`unknown`&&r!==`unavailable`?r:``}hassChanged(e,t,n){let r=Object.keys(this.sent).filter(r=>{let i=this.entityId(r);return!e||!i||e.states[i]!==t.states[i]||!n});if(!r.length)return;let i={...this.sent};for(let e of r)delete i[e];this.sent=i}typed(e,t){this.drafts={...this.drafts,[e]:t},this.host.requestUpdate()}async setDnd(e){await this.send({dnd:e},`set_dnd`,{enabled:e})}async toggleForward(e,t,n){let r=this.destination(e).trim();if(t&&!r)return this.say(n),!1;let i=this.drafts[e],a={[`${e}_forward`]:t};t&&i!==void 0&&(a[`${e}_forward_destination`]=r),this.dropDraft(e);let o=t?{forward:e,enabled:t,destination:r}:{forward:e,enabled:t},s=await this.send(a,`set_forward`,o);return!s&&i!==void 0&&this.typed(e,i),s}async commitDestination(e){let t=this.drafts[e];if(t===void 0)return;let n=t.trim();if(this.dropDraft(e),!n||n===this.destination(e))return;let r=this.switchOn(`${e}_forward`),i={[`${e}_forward_destination`]:n};await this.send(i,`set_forward`,{forward:e,enabled:r,destination:n})||this.typed(e,t)}async send(e,t,n){this.sent={...this.sent,...e},this.host.requestUpdate();let r=()=>{let t={...this.sent};for(let[n,r]of Object.entries(e))t[n]===r&&delete t[n];this.sent=t,this.host.requestUpdate()},i=await this.act(t,n);return i?setTimeout(r,St):r(),i}dropDraft(e){let t={...this.drafts};delete t[e],this.drafts=t,this.host.requestUpdate()}},wt=class{constructor(e,t,n){this.host=e,this.entityId=t,this.act=n,this.pending=null,e.addController(this)}hostConnected(){}hostDisconnected(){this.forget()}hassChanged(e,t,n){if(!this.pending)return;let r=this.entityId();e&&r&&n&&t.states[r]===e.states[r]||this.forget()}logIn(){return this.send({state:`ready`,reason:null},`agent_login`,{})}logOut(){return this.send({state:`logged_out`,reason:null},`agent_logout`,{})}ready(){return this.send({state:`ready`,reason:null},`agent_unpause`,{})}pause(e){return this.send({state:`paused`,reason:e},`agent_pause`,e?{reason:e}:{})}async send(e,t,n){this.forget(),this.pending=e,this.host.requestUpdate();let r=await this.act(t,n);return this.pending===e&&(r?this.timer=setTimeout(()=>this.forget(),St):this.forget()),r}forget(){clearTimeout(this.timer),this.timer=void 0,this.pending&&(this.pending=null,this.host.requestUpdate())}},Tt=class{constructor(e,t,n,r){this.hass=t,this.config=n,this.queues=[],this.agent=new wt(e,()=>this.agentEntity(),r)}agentEntity(e=this.hass()){return this.queueEntities(e),this.agentId}queueEntities(e=this.hass()){let t=this.config()?.device_id??``,{entities:n,devices:r}=e??{},i=this.queuesFor;return(i?.entities!==n||i?.devices!==r||i?.deviceId!==t)&&(this.queues=ut(e,t),this.agentId=ct(e,t),this.queuesFor={entities:n,devices:r,deviceId:t}),this.queues}changed(e,t){if(e.devices!==t.devices)return!0;let n=this.agentEntity(t);if(n&&e.states[n]!==t.states[n])return!0;for(let n of this.queueEntities(t))for(let r of Object.values(n.byKey))if(e.states[r]!==t.states[r])return!0;return!1}queueViews(){let e=this.hass();return e?this.queueEntities(e).map(t=>mt(e,t)):[]}cardSize(e){let t=0;if(e.agent&&this.agentEntity()&&(t+=2),e.queues)for(let e of this.queueViews())t+=2+e.calls.length;return t}renderAgent(e,t){let n=this.agentEntity(),r=ot(n?this.hass()?.states[n]:void 0);return r?D`<xivo-agent-section .agent=${r} .controller=${this.agent} .t=${e} .off=${t}></xivo-agent-section>`:k}renderQueues(e){let t=this.queueViews();return t.length?D`<xivo-queues-section .queues=${t} .limits=${vt(this.config())} .t=${e}></xivo-queues-section>`:k}},Et=1500,Dt=class{constructor(e,t,n,r){this.host=e,this.fetchHistory=t,this.wanted=n,this.failed=r,this.calls=null,this.error=null,this.seq=0,this.requested=!1,e.addController(this)}hostConnected(){this.requested=!1}hostDisconnected(){clearTimeout(this.timer)}hostUpdated(){!this.requested&&this.wanted()&&this.fetch()}reset(){this.calls=null,this.requested=!1}linkBack(){this.requested=!1}refreshSoon(){this.wanted()&&(clearTimeout(this.timer),this.timer=setTimeout(()=>{this.wanted()&&this.fetch()},Et))}async fetch(){this.requested=!0,clearTimeout(this.timer);let e=++this.seq;try{let t=Qe(await this.fetchHistory(10));if(e!==this.seq)return;this.calls=t,this.error=null}catch(t){if(e!==this.seq)return;this.error=this.failed(We(t,``)||null)}this.host.requestUpdate()}},Ot={lang:`en`,cardName:`XiVO phone`,cardDescription:`Remote control of your XiVO desk phone: calls, dial pad, colleagues, recent calls and forwards.`,answer:`Answer`,hangup:`Hang up`,hold:`Hold`,resume:`Resume`,transfer:`Transfer`,completeTransfer:`Complete transfer`,cancelTransfer:`Cancel transfer`,conference:`Conference`,keypad:`Keypad`,call:`Call`,callName:`Call {name}`,transferTo:`Transfer to {name}`,callBack:`Call back {name}`,blindTransfer:`Blind transfer`,attendedTransfer:`Attended transfer`,transferDestination:`Transfer to`,chooseContact:`Choose {name}`,close:`Close`,sendTone:`Send tone {key}`,deleteDigit:`Delete last digit`,dismiss:`Dismiss`,resetMissed:`Reset missed calls`,number:`Number`,numberPlaceholder:`Number or name`,dnd:`Do not disturb`,forward_unconditional:`Unconditional forward`,forward_no_answer:`Forward on no answer`,forward_busy:`Forward on busy`,forwardDestination_unconditional:`Unconditional forward destination`,forwardDestination_no_answer:`No answer forward destination`,forwardDestination_busy:`Busy forward destination`,destinationPlaceholder:`Number`,forwardedTo:`Forwarded to {destination}`,section_calls:`Calls`,section_dialpad:`Dial pad`,section_colleagues:`Colleagues`,section_recent:`Recent calls`,section_forwards:`Forwards`,linkDown:`No link to the XiVO server`,linkUp:`Connected`,linkOff:`Disconnected`,noLine:`No XiVO line found for this device. Choose the line's device in the card's settings.`,noCalls:`No calls`,noRecent:`No recent calls`,loading:`Loading…`,searching:`Searching…`,noContacts:`No contact found`,incoming:`Incoming`,outgoing:`Outgoing`,queue:`Queue {queue}`,unknownCaller:`Unknown number`,missed:`Missed`,missedCount:`Missed calls since the last reset: {count}`,lastMissed:`Last missed call from {who}`,lastMissedAt:`Last missed call from {who}, {when}`,voicemail:`New voicemail: {count}`,transferInProgress:`Attended transfer in progress`,callDuration:`Call duration`,error:`Error`,errorUnknown:`The request failed.`,needNumber:`Type a number, or pick a contact from the list.`,needDestination:`Type a destination before turning this forward on.`,historyFailed:`Could not load the recent calls: {message}`,phoneStatus:`Phone status`,call_dialing:`Dialing`,call_ringing:`Ringing`,call_established:`On a call`,call_on_hold:`On hold`,section_agent:`Agent`,logIn:`Log in`,logOut:`Log out`,ready:`Ready`,pause:`Pause`,pauseReasons:`Pause reasons`,pauseWithoutReason:`Pause without a reason`,agentState:`Agent state`,timeInState:`Time in this state`,sending:`Sending…`,agent_logged_out:`Logged out`,agent_ready:`Ready`,agent_paused:`Paused`,agent_ringing:`Ringing`,agent_dialing:`Dialing`,agent_on_call:`On a call`,agent_wrap_up:`Wrap-up`,agent_unknown:`Unknown`,pausedFor:`Paused: {reason}`,section_queues:`Queues`,waiting:`Waiting`,longestWait:`Longest wait`,availableAgents:`Available`,talkingAgents:`Talking`,loggedAgents:`Logged in`,answeredRate:`Answered`,waitingCallers:`Callers waiting`,waitingTime:`Waiting time`,overThreshold:`Over threshold`,noQueues:`No queue is shown for this line.`,queuesCardName:`XiVO queues`,queuesCardDescription:`A wallboard of your XiVO queues: callers waiting, longest wait, agents and answered rate, in large figures.`,editor_device_id:`Phone line`,editor_sections:`Sections to show`,editor_colleagues:`Colleague numbers (default: all monitored numbers)`,editor_waiting_warning:`Warn from this many waiting callers`,editor_wait_warning:`Warn from this longest wait (seconds)`,editor_queues:`Queues to show (default: all of the line's queues)`},kt={en:Ot,fr:{lang:`fr`,cardName:`Téléphone XiVO`,cardDescription:`Pilotez votre téléphone XiVO : appels, clavier, collègues, appels récents et renvois.`,answer:`Répondre`,hangup:`Raccrocher`,hold:`Mettre en attente`,resume:`Reprendre`,transfer:`Transférer`,completeTransfer:`Terminer le transfert`,cancelTransfer:`Annuler le transfert`,conference:`Conférence`,keypad:`Clavier`,call:`Appeler`,callName:`Appeler {name}`,transferTo:`Transférer à {name}`,callBack:`Rappeler {name}`,blindTransfer:`Transfert direct`,attendedTransfer:`Transfert supervisé`,transferDestination:`Transférer à`,chooseContact:`Choisir {name}`,close:`Fermer`,sendTone:`Envoyer la tonalité {key}`,deleteDigit:`Effacer le dernier chiffre`,dismiss:`Fermer le message`,resetMissed:`Remettre à zéro les appels manqués`,number:`Numéro`,numberPlaceholder:`Numéro ou nom`,dnd:`Ne pas déranger`,forward_unconditional:`Renvoi inconditionnel`,forward_no_answer:`Renvoi sur non-réponse`,forward_busy:`Renvoi sur occupation`,forwardDestination_unconditional:`Destination du renvoi inconditionnel`,forwardDestination_no_answer:`Destination du renvoi sur non-réponse`,forwardDestination_busy:`Destination du renvoi sur occupation`,destinationPlaceholder:`Numéro`,forwardedTo:`Renvoyé vers {destination}`,section_calls:`Appels`,section_dialpad:`Clavier de numérotation`,section_colleagues:`Collègues`,section_recent:`Appels récents`,section_forwards:`Renvois`,linkDown:`Pas de liaison avec le serveur XiVO`,linkUp:`Connecté`,linkOff:`Déconnecté`,noLine:`Aucune ligne XiVO trouvée pour cet appareil. Choisissez l'appareil de la ligne dans les réglages de la carte.`,noCalls:`Aucun appel`,noRecent:`Aucun appel récent`,loading:`Chargement…`,searching:`Recherche…`,noContacts:`Aucun contact trouvé`,incoming:`Entrant`,outgoing:`Sortant`,queue:`File {queue}`,unknownCaller:`Numéro inconnu`,missed:`Manqué`,missedCount:`Appels manqués depuis la remise à zéro : {count}`,lastMissed:`Dernier appel manqué de {who}`,lastMissedAt:`Dernier appel manqué de {who}, {when}`,voicemail:`Nouveaux messages vocaux : {count}`,transferInProgress:`Transfert supervisé en cours`,callDuration:`Durée de l'appel`,error:`Erreur`,errorUnknown:`La demande a échoué.`,needNumber:`Tapez un numéro ou choisissez un contact dans la liste.`,needDestination:`Tapez une destination avant d'activer ce renvoi.`,historyFailed:`Impossible de charger les appels récents : {message}`,phoneStatus:`État du téléphone`,call_dialing:`Numérotation`,call_ringing:`Sonne`,call_established:`En communication`,call_on_hold:`En attente`,section_agent:`Agent`,logIn:`Se connecter`,logOut:`Se déconnecter`,ready:`Prêt`,pause:`Pause`,pauseReasons:`Motifs de pause`,pauseWithoutReason:`Pause sans motif`,agentState:`État de l'agent`,timeInState:`Temps dans cet état`,sending:`Envoi…`,agent_logged_out:`Déconnecté`,agent_ready:`Prêt`,agent_paused:`En pause`,agent_ringing:`Sonne`,agent_dialing:`Numérotation`,agent_on_call:`En communication`,agent_wrap_up:`Post-appel`,agent_unknown:`Inconnu`,pausedFor:`En pause : {reason}`,section_queues:`Files d'attente`,waiting:`En attente`,longestWait:`Attente la plus longue`,availableAgents:`Disponibles`,talkingAgents:`En communication`,loggedAgents:`Connectés`,answeredRate:`Répondus`,waitingCallers:`Appelants en attente`,waitingTime:`Temps d'attente`,overThreshold:`Seuil dépassé`,noQueues:`Aucune file d'attente n'est affichée pour cette ligne.`,queuesCardName:`Files XiVO`,queuesCardDescription:`Un tableau mural de vos files d'attente XiVO : appelants en attente, attente la plus longue, agents et taux de réponse, en grands chiffres.`,editor_device_id:`Ligne téléphonique`,editor_sections:`Sections à afficher`,editor_colleagues:`Numéros des collègues (par défaut : tous les numéros surveillés)`,editor_waiting_warning:`Alerter à partir de ce nombre d'appelants en attente`,editor_wait_warning:`Alerter à partir de cette attente la plus longue (secondes)`,editor_queues:`Files à afficher (par défaut : toutes celles de la ligne)`}};function J(e){return kt[(e??`en`).toLowerCase().split(/[-_]/)[0]]??Ot}function Y(e,t){return e.replace(/\{(\w+)\}/g,(e,n)=>n in t?String(t[n]):e)}var X=[`agent`,`calls`,`queues`,`dialpad`,`colleagues`,`recent`,`forwards`],At=[`unconditional`,`no_answer`,`busy`],jt;function Mt(e){return{schema:[Nt(),Pt(`sections`,X.map(t=>({value:t,label:e[`section_${t}`]}))),{name:`colleagues`,selector:{text:{multiple:!0}}},...It()],computeLabel:Ft(e)}}function Nt(){return{name:`device_id`,required:!0,selector:{device:{integration:B}}}}function Pt(e,t){return{name:e,selector:{select:{multiple:!0,mode:`list`,options:t}}}}function Ft(e){return t=>{let n=`editor_${t.name}`;return n in e?e[n]:void 0}}function It(){return[{name:`waiting_warning`,selector:{number:{min:0,max:999,mode:`box`}}},{name:`wait_warning`,selector:{number:{min:0,max:86400,mode:`box`,unit_of_measurement:`s`}}}]}function Lt(e){return{...e,sections:e.sections?.length?e.sections:[...X]}}function Rt(e){let t={...e},n=Array.isArray(t.sections)?t.sections:[];return n.length===0||X.every(e=>n.includes(e))?delete t.sections:t.sections=X.filter(e=>n.includes(e)),t}async function zt(){if(customElements.get(`ha-form`))return;let e=window.loadCardHelpers;e&&((await e()).createCardElement({type:`entities`,entities:[`sun.sun`]}),await customElements.get(`hui-entities-card`)?.getConfigElement?.())}var Bt=class extends F{setConfig(e){this._config=e}render(){let e=this.form(J(this.hass?.language));return D`<ha-form
      .hass=${this.hass}
      .data=${this._config?this.formData(this._config):{}}
      .schema=${e.schema}
      .computeLabel=${e.computeLabel}
      @value-changed=${this._changed}
    ></ha-form>`}_changed(e){e.stopPropagation();let t=this.configFrom(e.detail.value);this._config=t,this.dispatchEvent(new CustomEvent(`config-changed`,{detail:{config:t},bubbles:!0,composed:!0}))}};jt=Bt,jt.properties={hass:{attribute:!1},_config:{state:!0}};var Vt=class extends Bt{form(e){return Mt(e)}formData(e){return Lt(e)}configFrom(e){return Rt(e)}};function Ht(e,t){let{device:n,up:r,status:i}=t;return D`<header>
    <div class="line">
      <h2 class="line-name">${n?.name_by_user||n?.name||e.cardName}</h2>
      ${n?.serial_number?D`<span class="line-number">${n.serial_number}</span>`:k}
    </div>
    <div class="chips">
      <span class="chip phone-status status-${i}" title=${e.phoneStatus}>
        <span class="dot" aria-hidden="true"></span>
        <span><span class="visually-hidden">${e.phoneStatus}: </span>${t.statusText}</span>
      </span>
      <span class="chip link ${r?`link-up`:`link-down`}">
        <span class="dot" aria-hidden="true"></span>${r?e.linkUp:e.linkOff}
      </span>
      ${r&&t.dnd?D`<span class="chip dnd-on"><span class="dot" aria-hidden="true"></span>${e.dnd}</span>`:k}
      ${r&&t.forwardedTo!==null?D`<span class="chip forward-on"><span class="dot" aria-hidden="true"></span>${t.forwardedTo?Y(e.forwardedTo,{destination:t.forwardedTo}):e.forward_unconditional}</span>`:k}
      ${r&&t.voicemail>0?D`<span class="chip voicemail">${Y(e.voicemail,{count:t.voicemail})}</span>`:k}
    </div>
  </header>`}function Ut(e,t,n){if(n&&n.state===t&&e?.formatEntityState)return e.formatEntityState(n);let r=t===`unknown`||t===`unavailable`?`state.default.${t}`:`component.${B}.entity.sensor.hint.state.${U(t)}`;return e?.localize?.(r)||t}var Wt=o`
  .agent-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
    margin-bottom: 8px;
  }
  .agent-ready {
    --xivo-lamp: var(--xivo-ok);
  }
  .agent-paused,
  .agent-wrap_up {
    --xivo-lamp: var(--xivo-held);
  }
  .agent-ringing {
    --xivo-lamp: var(--xivo-ringing);
  }
  .agent-on_call,
  .agent-dialing {
    --xivo-lamp: var(--xivo-busy);
  }
  .pause-menu {
    margin-top: 6px;
    align-items: stretch;
    max-width: 280px;
  }
  .pause-menu button {
    text-align: start;
  }
  .queue-list > li + li {
    margin-top: 8px;
  }
  /* Not ".queue": a call names its queue in a span of that class. */
  .queue-entry {
    padding: 8px 10px;
    border-radius: var(--xivo-control-radius);
    border-left: 4px solid var(--xivo-ok);
    background: color-mix(in srgb, var(--primary-text-color, #000) 3%, transparent);
  }
  .queue-warning {
    border-left-color: var(--xivo-busy);
    background: color-mix(in srgb, var(--xivo-busy) 12%, transparent);
  }
  .queue-head {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .queue-name {
    margin: 0;
    flex: 1;
    font-size: 1em;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .warning-chip {
    color: var(--xivo-busy);
    border-color: var(--xivo-busy);
    font-weight: 500;
  }
  .queue-figures {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 6px;
    margin: 6px 0 0;
  }
  .queue-figures dt {
    font-size: 0.8em;
    color: var(--secondary-text-color);
  }
  .queue-figures dd {
    margin: 0;
    font-size: 1.3em;
    font-variant-numeric: tabular-nums;
  }
  .queue-warning .figure-waiting dd,
  .queue-warning .figure-longest dd {
    color: var(--xivo-busy);
    font-weight: 500;
  }
  .waiting-callers {
    margin-top: 6px;
  }
  .waiting-caller {
    display: flex;
    align-items: baseline;
    gap: 8px;
    padding: 2px 0;
    font-size: 0.9em;
  }
  .waiting-caller .caller {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .waiting-caller .wait {
    font-variant-numeric: tabular-nums;
  }
`,Gt=o`
  :host {
    display: block;
    --xivo-ok: var(--success-color, #43a047);
    --xivo-busy: var(--error-color, #db4437);
    --xivo-radius: var(--ha-card-border-radius, 12px);
  }
  ha-card {
    display: block;
    height: 100%;
    color: var(--primary-text-color);
    background: var(--ha-card-background, var(--card-background-color, #fff));
    border-radius: var(--xivo-radius);
    overflow: hidden;
  }
  .board {
    padding: 16px;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr));
    gap: 16px;
  }
  .banner {
    grid-column: 1 / -1;
    padding: 8px 12px;
    border-radius: 8px;
    border-left: 4px solid var(--xivo-busy);
    background: color-mix(in srgb, var(--xivo-busy) 12%, transparent);
    font-size: 1.2em;
  }
  .queue {
    border-radius: 10px;
    border-top: 8px solid var(--xivo-ok);
    background: color-mix(in srgb, var(--primary-text-color, #000) 4%, transparent);
    padding: 12px 16px 16px;
  }
  .queue-warning {
    border-top-color: var(--xivo-busy);
    background: color-mix(in srgb, var(--xivo-busy) 14%, transparent);
  }
  .queue-head {
    display: flex;
    align-items: center;
    gap: 12px;
    margin-bottom: 8px;
  }
  h2 {
    margin: 0;
    flex: 1;
    font-size: 2em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .warning-chip {
    padding: 2px 12px;
    border-radius: 999px;
    background: var(--xivo-busy);
    color: var(--text-primary-color, #fff);
    font-size: 1.1em;
    font-weight: 600;
    white-space: nowrap;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: 12px 16px;
    margin: 0;
  }
  .main {
    grid-column: span 2;
  }
  dt {
    font-size: 1.1em;
    color: var(--secondary-text-color);
  }
  dd {
    margin: 0;
    font-size: 2.2em;
    font-weight: 600;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .main dd {
    font-size: 4em;
  }
  .queue-warning .main dd {
    color: var(--xivo-busy);
  }
  .empty {
    grid-column: 1 / -1;
    color: var(--secondary-text-color);
    font-size: 1.2em;
  }
`,Kt=o`
  :host {
    display: block;
    --xivo-ok: var(--success-color, #43a047);
    --xivo-busy: var(--error-color, #db4437);
    --xivo-ringing: var(--warning-color, #ffa600);
    --xivo-held: var(--state-on_hold-color, var(--info-color, #039be5));
    --xivo-off: var(--state-unavailable-color, var(--disabled-color, #9e9e9e));
    --xivo-radius: var(--ha-card-border-radius, 12px);
    --xivo-control-radius: 8px;
  }
  ha-card {
    display: block;
    overflow: hidden;
    color: var(--primary-text-color);
    background: var(--ha-card-background, var(--card-background-color, #fff));
    border-radius: var(--xivo-radius);
  }
  .card {
    padding: 12px 16px 16px;
    display: flex;
    flex-direction: column;
    gap: 12px;
    min-width: 0;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
  }
  .line {
    flex: 1 1 160px;
    min-width: 0;
  }
  .line-name {
    margin: 0;
    font-size: 1.2em;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .line-number,
  .muted {
    color: var(--secondary-text-color);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 999px;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    font-size: 0.9em;
    white-space: nowrap;
  }
  .dot,
  .lamp-light {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    flex: none;
    background: var(--xivo-lamp, var(--xivo-off));
  }
  /* A status class sets the colour of the dot it holds, or of itself. */
  .status-available,
  .link-up {
    --xivo-lamp: var(--xivo-ok);
  }
  .status-ringing,
  .status-busy_and_ringing {
    --xivo-lamp: var(--xivo-ringing);
  }
  .status-calling,
  .status-busy,
  .link-down,
  .dnd-on {
    --xivo-lamp: var(--xivo-busy);
  }
  .status-on_hold {
    --xivo-lamp: var(--xivo-held);
  }
  .status-unreachable,
  .status-deactivated,
  .status-unexisting,
  .status-error,
  .status-unknown,
  .status-unavailable {
    --xivo-lamp: var(--xivo-off);
  }
  .banner {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    padding: 8px 12px;
    border-radius: var(--xivo-control-radius);
    border-left: 4px solid var(--error-color, #db4437);
    background: color-mix(in srgb, var(--error-color, #db4437) 12%, transparent);
  }
  .banner.warning {
    border-left-color: var(--warning-color, #ffa600);
    background: color-mix(in srgb, var(--warning-color, #ffa600) 12%, transparent);
  }
  .banner .message {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  section {
    border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    padding-top: 10px;
  }
  h3 {
    margin: 0 0 8px;
    font-size: 1em;
    font-weight: 500;
    color: var(--secondary-text-color);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button {
    font: inherit;
    color: var(--primary-text-color);
    background: transparent;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    border-radius: var(--xivo-control-radius);
    padding: 6px 12px;
    min-height: 36px;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: color-mix(in srgb, var(--primary-color, #03a9f4) 10%, transparent);
  }
  button:disabled,
  input:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--primary-color, #03a9f4);
    outline-offset: 2px;
  }
  button.primary {
    background: var(--primary-color, #03a9f4);
    border-color: var(--primary-color, #03a9f4);
    color: var(--text-primary-color, #fff);
  }
  button.answer {
    background: var(--xivo-ok);
    border-color: var(--xivo-ok);
    color: var(--text-primary-color, #fff);
  }
  button.hangup {
    background: var(--xivo-busy);
    border-color: var(--xivo-busy);
    color: var(--text-primary-color, #fff);
  }
  button.icon {
    padding: 4px 8px;
    min-width: 36px;
    display: inline-flex;
    align-items: center;
    justify-content: center;
  }
  input[type="text"],
  input[type="tel"] {
    font: inherit;
    color: var(--primary-text-color);
    /* The card's own background and a visible outline: Home Assistant's input fill is the grey
       its disabled fields have, and made enabled fields look disabled. */
    background: var(--card-background-color, transparent);
    border: 1px solid var(--secondary-text-color, rgba(127, 127, 127, 0.6));
    border-radius: var(--xivo-control-radius);
    padding: 6px 10px;
    min-height: 36px;
    box-sizing: border-box;
    min-width: 0;
  }
  input::placeholder {
    color: var(--secondary-text-color);
    opacity: 0.8;
  }
  label {
    color: var(--secondary-text-color);
    font-size: 0.9em;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* Calls */
  .call {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 8px 0;
  }
  .call + .call {
    border-top: 1px dashed var(--divider-color, rgba(127, 127, 127, 0.3));
  }
  .call-head {
    display: flex;
    align-items: baseline;
    gap: 8px;
  }
  .party {
    flex: 1;
    min-width: 0;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .timer {
    font-variant-numeric: tabular-nums;
    font-size: 1.1em;
  }
  .call-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    font-size: 0.9em;
    color: var(--secondary-text-color);
  }
  .call-state-ringing .state {
    color: var(--xivo-ringing);
    font-weight: 500;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 8px;
    border-radius: var(--xivo-control-radius);
    background: color-mix(in srgb, var(--primary-text-color, #000) 4%, transparent);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .field-row {
    display: flex;
    gap: 6px;
  }
  .field-row input {
    flex: 1;
  }
  /* Keypads */
  .keypad {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 6px;
    max-width: 280px;
  }
  .keypad button {
    font-size: 1.15em;
    font-variant-numeric: tabular-nums;
  }
  .dialpad {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .dial-keys {
    width: 100%;
    margin-inline: auto;
  }
  .contacts li + li {
    margin-top: 4px;
  }
  .contact {
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
    text-align: start;
  }
  .contact .name {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  /* Colleagues */
  .lamps {
    display: grid;
    /* Wide enough for a first and last name ("Alice Martin") beside the light. */
    grid-template-columns: repeat(auto-fill, minmax(128px, 1fr));
    gap: 6px;
  }
  xivo-phone-lamp {
    display: contents;
  }
  .lamp {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: 6px;
    text-align: start;
    padding: 6px 8px;
    min-width: 0;
  }
  .lamp-light {
    grid-row: span 2;
    width: 14px;
    height: 14px;
  }
  .lamp-name,
  .lamp-status {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .lamp-status {
    font-size: 0.8em;
    color: var(--secondary-text-color);
  }
  .status-ringing .lamp-light,
  .status-busy_and_ringing .lamp-light {
    animation: xivo-blink 1s steps(2, start) infinite;
  }
  @keyframes xivo-blink {
    to {
      opacity: 0.25;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .status-ringing .lamp-light,
    .status-busy_and_ringing .lamp-light {
      animation: none;
    }
  }
  /* Recent calls */
  .recent-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
    margin-bottom: 6px;
  }
  .history-item {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 0;
  }
  .history-item .who {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .history-item .who > span:first-child {
    overflow-wrap: anywhere;
  }
  .history-item.missed .who > span:first-child,
  .tag-missed {
    color: var(--error-color, #db4437);
  }
  .tag-missed {
    font-weight: 500;
  }
  /* Forwards */
  .toggle {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--primary-text-color);
    font-size: 1em;
    min-height: 36px;
  }
  .toggle input {
    width: 20px;
    height: 20px;
    accent-color: var(--primary-color, #03a9f4);
    margin: 0;
  }
  .forward {
    display: flex;
    margin-top: 6px;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
  }
  .forward .toggle {
    flex: 1 1 180px;
  }
  .forward input[type="text"] {
    flex: 1 1 120px;
    max-width: 100%;
  }
`,qt,Jt=`xivo-phone-call, xivo-dialpad-section, xivo-recent-section, xivo-forwards-section, xivo-agent-section, xivo-queues-section`,Yt=new Intl.Collator(void 0,{numeric:!0}),Xt=class extends F{constructor(){super(),this._ids={byKey:{},hints:[]},this._history=new Dt(this,e=>this._ask(`get_call_history`,{size:e}),()=>this._linkUp()&&this._sections().has(`recent`),e=>Y(this._t().historyFailed,{message:e??this._t().errorUnknown})),this._attended=new xt(this,()=>this._config?.device_id??``),this._pending=new Ct(this,e=>this._state(e),e=>this._entityIds().byKey[e],(e,t)=>this._act(e,t),e=>this._error=e),this._cc=new Tt(this,()=>this.hass,()=>this._config,(e,t)=>this._act(e,t)),this._ctx={act:(e,t)=>this._act(e,t),dial:e=>this._act(`dial`,{destination:e}),searchContacts:async e=>Ze(await this._ask(`search_contacts`,{term:e})),showError:e=>this._showError(e),say:e=>this._error=e,transfer:(e,t,n)=>this._transfer(e,t,n),openTransfer:e=>this._openTransfer(e),closeTransfer:()=>this._transferFor=null,toggleKeypad:e=>this._toggleKeypad(e),resetMissed:()=>this._resetMissed(),pending:this._pending},this._config=void 0,this._error=null,this._transferFor=null,this._keypadFor=null}static getConfigForm(){return Mt(J(globalThis.document?.documentElement?.lang))}static async getConfigElement(){return await zt(),document.createElement(`xivo-phone-card-editor`)}static getStubConfig(e){let t=qe(e);return t?{device_id:t}:{}}setConfig(e){if(!e||typeof e!=`object`)throw Error(`Invalid configuration`);if(typeof e.device_id!=`string`||!e.device_id)throw Error(`Choose the XiVO line: device_id is required`);if(e.sections!==void 0&&(!Array.isArray(e.sections)||e.sections.some(e=>!X.includes(e))))throw Error(`sections must be a list of: ${X.join(`, `)}`);if(e.colleagues!==void 0&&!Array.isArray(e.colleagues))throw Error(`colleagues must be a list of numbers`);bt(e);let t=this._config?.device_id,n=e.colleagues?.map(e=>String(e).trim()).filter(Boolean);this._config={...e,colleagues:n?.length?n:void 0},t!==e.device_id&&(this._idsFor=void 0,this._history.reset(),this._attended.load())}getCardSize(){let e=this._sections(),t=2;return e.has(`calls`)&&(t+=1+this._calls().length*2),e.has(`dialpad`)&&(t+=4),e.has(`colleagues`)&&(t+=1+Math.ceil(this._lamps().length/3)),e.has(`recent`)&&(t+=1+Math.min(this._history.calls?.length??3,10)),e.has(`forwards`)&&(t+=4),t+this._cc.cardSize({agent:e.has(`agent`),queues:e.has(`queues`)})}getGridOptions(){return{columns:12,rows:`auto`,min_columns:6}}shouldUpdate(e){if(!this._config||!this.hass)return!1;if(e.size===1&&e.has(`hass`)){let t=e.get(`hass`);return!t||this._changedFor(t,this.hass)}return!0}willUpdate(e){e.has(`hass`)&&this.hass&&this._lineChanged(e.get(`hass`),this.hass)}_changedFor(e,t){let n=this._config.device_id;if(e.entities!==t.entities||e.language!==t.language||e.localize!==t.localize)return!0;let{locale:r,config:i}=e,{locale:a,config:o}=t;if(r?.time_format!==a?.time_format||r?.time_zone!==a?.time_zone||i?.time_zone!==o?.time_zone||e.devices?.[n]!==t.devices?.[n])return!0;let s=this._entityIds();for(let n of Object.values(s.byKey))if(e.states[n]!==t.states[n])return!0;for(let n of s.hints)if(e.states[n]!==t.states[n])return!0;return this._cc.changed(e,t)}_entityIds(){let e=this.hass?.entities,t=this._config?.device_id??``;return(this._idsFor?.entities!==e||this._idsFor?.deviceId!==t)&&(this._ids=Ke(e,t),this._idsFor={entities:e,deviceId:t}),this._ids}_lineChanged(e,t){let n=this._entityIds().byKey.call_state,r=Xe(n?t.states[n]:void 0),i=new Set(r.map(e=>e.unique_id));e&&(Xe(n?e.states[n]:void 0).some(e=>!i.has(e.unique_id))&&this._history.refreshSoon(),!this._linkUpIn(e)&&this._linkUpIn(t)&&this._history.linkBack());let a=e=>r.some(t=>t.unique_id===e&&t.state===`established`);this._transferFor&&!a(this._transferFor)&&(this._transferFor=null),this._keypadFor&&!a(this._keypadFor)&&(this._keypadFor=null),this._attended.track(r),this._pending.hassChanged(e,t,this._linkUpIn(t)),this._cc.agent.hassChanged(e,t,this._linkUpIn(t))}async getUpdateComplete(){let e=await super.getUpdateComplete(),t=[...this.renderRoot?.querySelectorAll(Jt)??[]];return await Promise.all(t.map(e=>e.updateComplete)),e}_t(){return J(this.hass?.language)}_state(e){let t=this._entityIds().byKey[e];return t?this.hass?.states[t]:void 0}_linkUpIn(e){let t=this._entityIds().byKey.connected;return t!==void 0&&e.states[t]?.state===`on`}_linkUp(){return this.hass?this._linkUpIn(this.hass):!1}_sections(){return new Set(this._config?.sections?.length?this._config.sections:X)}_calls(){return Xe(this._state(`call_state`))}_lamps(){let e=this.hass;if(!e)return[];let t=/* @__PURE__ */ new Map;for(let n of this._entityIds().hints)t.set(Je(n,e.states[n]),n);return(this._config?.colleagues??[...t.keys()].sort(Yt.compare)).map(n=>{let r=t.get(n),i=r&&e.entities[r]?.name||n,a=r?e.states[r]:void 0,o=U(a?.state);return{number:n,name:i,status:o,statusText:Ut(e,o,a)}})}_serviceData(e){return{device_id:this._config.device_id,...e}}async _act(e,t={}){if(!this.hass)return!1;try{await this.hass.callService(B,e,this._serviceData(t),void 0,!1)}catch(e){return this._showError(e),!1}return this._error=null,!0}async _ask(e,t){return(await this.hass.callWS({type:`call_service`,domain:B,service:e,service_data:this._serviceData(t),return_response:!0}))?.response}_showError(e){this._error=We(e,this._t().errorUnknown)}_openTransfer(e){this._transferFor=this._transferFor===e?null:e,this._transferFor&&(this._keypadFor=null)}_toggleKeypad(e){this._keypadFor=this._keypadFor===e?null:e,this._keypadFor&&(this._transferFor=null)}async _transfer(e,t,n){if(e===`direct`){let e=await this._act(`direct_transfer`,{destination:n});return e&&(this._transferFor=null),e}this._attended.start(t,this._calls());let r=await this._act(`attended_transfer`,{destination:n});return r?this._transferFor=null:this._attended.set(null),r}async _endAttended(e){await this._act(e)&&this._attended.set(null)}_onLampTap(e){let t=e.detail.number,n=this._calls().some(e=>e.state===`established`);this._act(n?`direct_transfer`:`dial`,{destination:t})}async _resetMissed(){let e=this._entityIds().byKey.reset_missed_calls;if(e&&this.hass){try{await this.hass.callService(`button`,`press`,{entity_id:e},void 0,!1)}catch(e){this._showError(e);return}this._error=null}}render(){if(!this._config||!this.hass)return k;let e=this._t(),t=this._entityIds();if(!t.byKey.connected&&!t.byKey.call_state&&!t.byKey.phone_status)return D`<ha-card><div class="card"><div class="banner warning" role="alert">
        <span class="message">${e.noLine}</span></div></div></ha-card>`;let n=this._linkUp(),r=!n,i=this._sections(),a=this._calls(),o=this.hass;return D`<ha-card lang=${e.lang}>
      <div class="card">
        ${this._renderHeader(e,n)}
        ${n?k:D`<div class="banner link-down-banner" role="alert">
              <span class="message">${e.linkDown}</span>
            </div>`}
        ${this._error?D`<div class="banner action-error" role="alert">
              <span class="message"><strong>${e.error}:</strong> ${this._error}</span>
              <button type="button" class="icon" aria-label=${e.dismiss} @click=${()=>this._error=null}>
                <span aria-hidden="true">✕</span>
              </button>
            </div>`:k}
        ${i.has(`agent`)?this._cc.renderAgent(e,r):k}
        ${i.has(`calls`)?this._renderCalls(e,a,r):k}
        ${i.has(`queues`)?this._cc.renderQueues(e):k}
        ${i.has(`dialpad`)?D`<xivo-dialpad-section .ctx=${this._ctx} .hass=${o} .t=${e} .off=${r}
              .keysHidden=${this._keypadFor!==null&&i.has(`calls`)}></xivo-dialpad-section>`:k}
        ${i.has(`colleagues`)?this._renderColleagues(e,a,r):k}
        ${i.has(`recent`)?D`<xivo-recent-section .ctx=${this._ctx} .hass=${o} .t=${e} .off=${r}
              .missed=${this._state(`missed_calls`)} .canReset=${!!t.byKey.reset_missed_calls}
              .calls=${this._history.calls} .error=${this._history.error}></xivo-recent-section>`:k}
        ${i.has(`forwards`)?D`<xivo-forwards-section .ctx=${this._ctx} .t=${e} .off=${r}
              .view=${this._forwardsView()}></xivo-forwards-section>`:k}
      </div>
    </ha-card>`}_forwardsView(){let e={dnd:this._state(`dnd`)?this._pending.switchOn(`dnd`):null,forwards:{}};for(let t of At)this._state(`${t}_forward`)&&(e.forwards[t]={on:this._pending.switchOn(`${t}_forward`),destination:this._pending.destination(t)});return e}_renderHeader(e,t){let n=this._state(`phone_status`),r=U(t?n?.state:`unavailable`),i=!!this._state(`unconditional_forward`)&&this._pending.switchOn(`unconditional_forward`);return Ht(e,{device:this.hass.devices?.[this._config.device_id],up:t,status:r,statusText:Ut(this.hass,r,n),dnd:!!this._state(`dnd`)&&this._pending.switchOn(`dnd`),forwardedTo:i?this._pending.destination(`unconditional`).trim():null,voicemail:Number(this._state(`voicemail_new`)?.state)||0})}_renderCalls(e,t,n){let r=t.filter(e=>e.state===`established`||e.state===`on_hold`),i=this._attended.value;return D`<section class="calls" aria-labelledby="xivo-calls-title">
      <h3 id="xivo-calls-title">${e.section_calls}</h3>
      ${t.length===0&&!n?D`<p class="muted no-calls">${e.noCalls}</p>`:k}
      <ul>
        ${z(t,e=>e.unique_id,t=>D`<li class="call call-state-${t.state}" data-unique-id=${t.unique_id}>
            <xivo-phone-call .ctx=${this._ctx} .hass=${this.hass} .t=${e} .off=${n} .call=${t}
              .transferOpen=${this._transferFor===t.unique_id}
              .keypadOpen=${this._keypadFor===t.unique_id}></xivo-phone-call>
          </li>`)}
      </ul>
      ${r.length>=2||i?D`<div class="actions line-actions">
            ${i?D`<span class="muted transfer-progress">${e.transferInProgress}</span>
                  <button type="button" class="primary" ?disabled=${n} @click=${()=>this._endAttended(`complete_transfer`)}>
                    ${e.completeTransfer}
                  </button>
                  <button type="button" ?disabled=${n} @click=${()=>this._endAttended(`cancel_transfer`)}>
                    ${e.cancelTransfer}
                  </button>`:k}
            ${r.length>=2?D`<button type="button" ?disabled=${n} @click=${()=>this._act(`conference`)}>${e.conference}</button>`:k}
          </div>`:k}
    </section>`}_renderColleagues(e,t,n){let r=this._lamps();if(!r.length)return k;let i=t.some(e=>e.state===`established`)?e.transferTo:e.callName;return D`<section class="colleagues" aria-labelledby="xivo-colleagues-title">
      <h3 id="xivo-colleagues-title">${e.section_colleagues}</h3>
      <div class="lamps" @xivo-lamp-tap=${this._onLampTap}>
        ${z(r,e=>e.number,e=>D`<xivo-phone-lamp
            .number=${e.number}
            .name=${e.name}
            .status=${e.status}
            .statusText=${e.statusText}
            .label=${Y(i,{name:e.name})}
            .disabled=${n}
          ></xivo-phone-lamp>`)}
      </div>
    </section>`}};qt=Xt,qt.styles=[Kt,Wt],qt.properties={hass:{attribute:!1},_config:{state:!0},_error:{state:!0},_transferFor:{state:!0},_keypadFor:{state:!0}};var Zt,Qt=class extends F{constructor(){super(),this.number=``,this.name=``,this.status=`unknown`,this.statusText=``,this.label=``,this.disabled=!1}createRenderRoot(){return this}render(){return D`<button
      type="button"
      class="lamp status-${this.status}"
      data-number=${this.number}
      aria-label=${this.label}
      title=${`${this.label} (${this.statusText})`}
      ?disabled=${this.disabled}
      @click=${this.tap}
    >
      <span class="lamp-light" aria-hidden="true"></span>
      <span class="lamp-name">${this.name}</span>
      <span class="lamp-status">${this.statusText}</span>
    </button>`}tap(){this.dispatchEvent(new CustomEvent(`xivo-lamp-tap`,{detail:{number:this.number},bubbles:!0}))}};Zt=Qt,Zt.properties={number:{},name:{},status:{},statusText:{attribute:!1},label:{},disabled:{type:Boolean}};var $t=class{constructor(e){this.host=e,this.connected=!1,e.addController(this)}hostConnected(){this.connected=!0}hostDisconnected(){this.connected=!1,clearTimeout(this.timer),this.timer=void 0}schedule(e,t=Date.now()){clearTimeout(this.timer),this.timer=void 0,e&&this.connected&&(this.timer=setTimeout(()=>this.host.requestUpdate(),1e3-t%1e3))}},en,tn=e=>e===null?`–`:`${Math.round(e)} %`,nn=class extends F{constructor(...e){super(...e),this.ticker=new $t(this),this.found={queues:[],connected:void 0}}static async getConfigElement(){return await zt(),document.createElement(`xivo-queues-card-editor`)}static getStubConfig(e){let t=qe(e);return t?{device_id:t}:{}}setConfig(e){if(!e||typeof e!=`object`)throw Error(`Invalid configuration`);if(typeof e.device_id!=`string`||!e.device_id)throw Error(`Choose the XiVO line: device_id is required`);if(e.queues!==void 0&&!Array.isArray(e.queues))throw Error(`queues must be a list of queue ids`);bt(e);let t=e.queues?.map(e=>String(e).trim()).filter(Boolean);this._config={...e,queues:t?.length?t:void 0},this.foundFor=void 0}getCardSize(){return 1+4*Math.max(1,Math.ceil(this.entities().queues.length/3))}getGridOptions(){return{columns:`full`,rows:`auto`,min_columns:6}}entities(e=this.hass){let t=this._config,{entities:n,devices:r}=e??{},i=this.foundFor;if(!t||!e)return{queues:[],connected:void 0};if(i?.entities!==n||i?.devices!==r||i?.config!==t){let i=ut(e,t.device_id),a=t.queues,o=a?a.flatMap(e=>i.filter(t=>t.id===e)):i;this.found={queues:o,connected:Ke(n,t.device_id).byKey.connected},this.foundFor={entities:n,devices:r,config:t}}return this.found}shouldUpdate(e){if(!this._config||!this.hass)return!1;if(e.size!==1||!e.has(`hass`))return!0;let t=e.get(`hass`),n=this.hass;if(!t||t.entities!==n.entities||t.devices!==n.devices||t.language!==n.language)return!0;let{queues:r,connected:i}=this.entities(n);return i&&t.states[i]!==n.states[i]?!0:r.some(e=>Object.values(e.byKey).some(e=>t.states[e]!==n.states[e]))}render(){let e=this.hass;if(!this._config||!e)return k;let t=J(e.language),{queues:n,connected:r}=this.entities(e),i=n.map(t=>mt(e,t)),a=Date.now();this.ticker.schedule(_t(i),a);let o=vt(this._config),s=r!==void 0&&e.states[r]?.state!==`on`;return D`<ha-card lang=${t.lang}>
      <div class="board">
        ${r===void 0?D`<div class="banner" role="alert">${t.noLine}</div>`:k}
        ${s?D`<div class="banner" role="alert">${t.linkDown}</div>`:k}
        ${r!==void 0&&!i.length?D`<p class="empty">${t.noQueues}</p>`:k}
        ${z(i,e=>e.id,e=>this.renderQueue(t,e,yt(e,o,a),a))}
      </div>
    </ha-card>`}renderQueue(e,t,n,r){return D`<section class="queue ${n?`queue-warning`:``}" role="region" aria-label=${t.name}
      data-queue-id=${t.id}>
      <div class="queue-head">
        <h2>${t.name}</h2>
        ${n?D`<span class="warning-chip">${e.overThreshold}</span>`:k}
      </div>
      <dl>
        <div class="main figure-waiting"><dt>${e.waiting}</dt> <dd>${q(t.waiting)}</dd></div>
        <div class="main figure-longest"><dt>${e.longestWait}</dt> <dd>${gt(t.longestSince,r)}</dd></div>
        <div class="figure-available"><dt>${e.availableAgents}</dt> <dd>${q(t.available)}</dd></div>
        <div class="figure-talking"><dt>${e.talkingAgents}</dt> <dd>${q(t.talking)}</dd></div>
        <div class="figure-logged"><dt>${e.loggedAgents}</dt> <dd>${q(t.logged)}</dd></div>
        <div class="figure-answered"><dt>${e.answeredRate}</dt> <dd>${tn(t.answeredRate)}</dd></div>
      </dl>
    </section>`}};en=nn,en.styles=Gt,en.properties={hass:{attribute:!1},_config:{state:!0}};function rn(e,t,n){let r=n?ut(t,n):[],i=e=>t?.devices?.[e]?.name_by_user||t?.devices?.[e]?.name;return{schema:[Nt(),Pt(`queues`,r.map(e=>({value:e.id,label:i(e.deviceId)||e.id}))),...It()],computeLabel:Ft(e)}}function an(e){let t={...e};Array.isArray(t.queues)&&t.queues.length!==0||delete t.queues;for(let e of[`waiting_warning`,`wait_warning`])(t[e]===void 0||t[e]===null||t[e]===``)&&delete t[e];return t}var on=class extends Bt{form(e){return rn(e,this.hass,this._config?.device_id)}formData(e){return e}configFrom(e){return an(e)}},sn,cn=class extends F{constructor(){super(),this.onKey=e=>{if(!this._menuOpen)return;let t=[...this.querySelectorAll(`[role="menuitem"]`)],n=this.getRootNode(),r=t.indexOf(n.activeElement);if(e.key===`Escape`)this._menuOpen=!1,this.querySelector(`button.pause`)?.focus();else if(e.key===`ArrowDown`||e.key===`ArrowUp`)t[(r+(e.key===`ArrowDown`?1:-1)+t.length)%t.length]?.focus();else return;e.preventDefault()},this.off=!1,this._menuOpen=!1}createRenderRoot(){return this}willUpdate(){this._menuOpen&&(this.off||!ln(this.shownState()))&&(this._menuOpen=!1)}updated(e){e.has(`_menuOpen`)&&this._menuOpen&&this.querySelector(`[role="menuitem"]`)?.focus()}shownState(){return this.controller.pending?.state??this.agent.state}render(){let{t:e,agent:t,off:n}=this,r=this.controller.pending,i=this.shownState(),a=r?r.reason:t.pauseReason,o=i?e[`agent_${i}`]:e.agent_unknown,s=i===`paused`&&a?Y(e.pausedFor,{reason:st(t,a)}):o;return D`<section class="agent" aria-labelledby="xivo-agent-title" aria-busy=${r?`true`:`false`}>
      <h3 id="xivo-agent-title">${e.section_agent}</h3>
      <div class="agent-head">
        <span class="chip agent-state agent-${i??`unknown`}">
          <span class="dot" aria-hidden="true"></span>
          <span><span class="visually-hidden">${e.agentState}: </span>${s}</span>
        </span>
        ${!r&&t.since&&i?D`<xivo-call-timer .since=${t.since} .label=${e.timeInState}></xivo-call-timer>`:k}
        ${r?D`<span class="muted agent-pending" role="status">${e.sending}</span>`:k}
      </div>
      ${i?this.renderActions(e,i,n):k}
    </section>`}renderActions(e,t,n){let r=this.controller;if(t===`logged_out`)return D`<div class="actions">
        <button type="button" class="primary" ?disabled=${n} @click=${()=>r.logIn()}>${e.logIn}</button>
      </div>`;let i=this.agent.pauseReasons;return D`<div class="agent-controls" @keydown=${this.onKey}><div class="actions agent-actions">
        ${t===`paused`?D`<button type="button" class="primary" ?disabled=${n} @click=${()=>r.ready()}>${e.ready}</button>`:k}
        ${ln(t)?i.length?D`<button type="button" class="pause" aria-haspopup="menu" aria-expanded=${this._menuOpen?`true`:`false`}
                aria-controls="xivo-pause-menu" ?disabled=${n} @click=${()=>this._menuOpen=!this._menuOpen}>${e.pause}</button>`:D`<button type="button" class="pause" ?disabled=${n} @click=${()=>r.pause(null)}>${e.pause}</button>`:k}
        <button type="button" ?disabled=${n} @click=${()=>r.logOut()}>${e.logOut}</button>
      </div>
      ${this._menuOpen?D`<div id="xivo-pause-menu" class="panel pause-menu" role="menu" aria-label=${e.pauseReasons}>
            ${i.map(e=>D`<button type="button" role="menuitem" tabindex="-1" data-reason=${e.name}
                @click=${()=>this.pauseFor(e.name)}>${e.label}</button>`)}
          </div>`:k}</div>`}async pauseFor(e){this._menuOpen=!1,this.controller.pause(e),await this.updateComplete,this.querySelector(`.agent-actions button`)?.focus()}};sn=cn,sn.properties={agent:{attribute:!1},controller:{attribute:!1},t:{attribute:!1},off:{type:Boolean},_menuOpen:{state:!0}};function ln(e){return e!==null&&e!==`logged_out`&&e!==`paused`}var Z=Ne(class extends Pe{constructor(e){if(super(e),e.type!==I.PROPERTY&&e.type!==I.ATTRIBUTE&&e.type!==I.BOOLEAN_ATTRIBUTE)throw Error("The `live` directive is not allowed on child or event bindings");if(!Le(e))throw Error("`live` bindings can only contain a single expression")}render(e){return e}update(e,[t]){if(t===O||t===k)return t;let n=e.element,r=e.name;if(e.type===I.PROPERTY){if(t===n[r])return O}else if(e.type===I.BOOLEAN_ATTRIBUTE){if(!!t===n.hasAttribute(r))return O}else if(e.type===I.ATTRIBUTE&&n.getAttribute(r)===t+``)return O;return Be(e),t}}),un=class e{constructor(e,t,n,r=300){this.search=e,this.onChange=t,this.onError=n,this.delay=r,this.results=[],this.term=``,this.pending=!1,this.seq=0}static for(t,n,r){let i=new e(n,()=>t.requestUpdate(),r);return t.addController(i),i}hostDisconnected(){this.dispose()}input(e){let t=e.trim();if(t===this.term&&(this.pending||this.results.length))return;clearTimeout(this.timer);let n=++this.seq;this.term=t,this.results=[],this.running=void 0,this.pending=t.length>=2,this.onChange(),this.pending&&(this.timer=setTimeout(()=>void this.start(t,n),this.delay))}async settled(){let e=this.seq;return this.pending&&!this.running&&(clearTimeout(this.timer),this.start(this.term,e)),await this.running,e===this.seq?this.results:null}clear(){clearTimeout(this.timer),this.seq++,this.term=``,this.results=[],this.running=void 0,this.pending=!1,this.onChange()}dispose(){clearTimeout(this.timer),this.seq++}start(e,t){return this.running=this.run(e,t),this.running}async run(e,t){let n=[];try{n=await this.search(e)}catch(e){t===this.seq&&this.onError(e)}t===this.seq&&(this.results=n,this.pending=!1,this.onChange())}},dn;function fn(e,t){let n=t.status?U(t.status):null;return D`${n?D`<span class="dot status-${n}" title=${Ut(e,n)} aria-hidden="true"></span>`:k}
    <span class="name">${t.name}</span>
    <span class="muted">${t.number??t.mobile}</span>`}function pn(e,t,n,r){return n||!t.pending&&t.term.length<2?k:t.pending?D`<p class="muted searching" aria-live="polite">${e.searching}</p>`:t.results.length?D`<ul class="contacts">
    ${z(t.results,e=>`${e.name}|${e.number}|${e.mobile}`,e=>D`<li>${r(e)}</li>`)}
  </ul>`:D`<p class="muted no-contacts" aria-live="polite">${e.noContacts}</p>`}async function mn(e,t,n){let r=n(e);if(r)return r;t.term!==e.trim()&&t.input(e);let i=await t.settled(),a=i?.length===1?i[0]:null;return a?a.number??a.mobile:null}var hn=class extends F{constructor(){super(),this.search=un.for(this,e=>this.ctx.searchContacts(e),e=>this.ctx.showError(e)),this.off=!1}createRenderRoot(){return this}renderMatches(e,t){let{t:n,off:r}=this;return pn(n,this.search,r,n=>D`<button type="button" class="contact" aria-label=${Y(e,{name:n.name})}
        ?disabled=${r} @click=${()=>t(n)}>${fn(this.hass,n)}</button>`)}async typedDestination(e){let t=e(),n=await mn(t,this.search,$e);return t===e()?n||(this.ctx.say(this.t.needNumber),null):null}};dn=hn,dn.properties={ctx:{attribute:!1},hass:{attribute:!1},t:{attribute:!1},off:{type:Boolean}};var gn,_n=[`1`,`2`,`3`,`4`,`5`,`6`,`7`,`8`,`9`,`*`,`0`,`#`],vn=class extends hn{constructor(){super(),this.keysHidden=!1,this._dial=``}render(){let{t:e,off:t}=this;return D`<section class="dialpad-section" aria-labelledby="xivo-dialpad-title">
      <h3 id="xivo-dialpad-title">${e.section_dialpad}</h3>
      <div class="dialpad">
        <div class="field">
          <label for="xivo-dial">${e.number}</label>
          <div class="field-row">
            <input id="xivo-dial" type="text" inputmode="tel" autocomplete="off" placeholder=${e.numberPlaceholder}
              .value=${Z(this._dial)} ?disabled=${t}
              @input=${e=>this.setDial(e.target.value)}
              @keydown=${e=>e.key===`Enter`&&this.callTyped()} />
            <button type="button" class="icon" aria-label=${e.deleteDigit} ?disabled=${t||!this._dial}
              @click=${()=>this.setDial(this._dial.slice(0,-1))}><span aria-hidden="true">⌫</span></button>
            <button type="button" class="primary dial-call" ?disabled=${t||!this._dial.trim()}
              @click=${()=>this.callTyped()}>${e.call}</button>
          </div>
        </div>
        ${this.renderMatches(e.callName,e=>this.callContact(e))}
        ${this.keysHidden?k:D`<div class="keypad dial-keys">
              ${_n.map(e=>D`<button type="button" ?disabled=${t} @click=${()=>this.setDial(this._dial+e)}>
                  ${e}
                </button>`)}
            </div>`}
      </div>
    </section>`}setDial(e){this._dial=e,this.search.input(e)}clear(){this._dial=``,this.search.clear()}async callTyped(){let e=await this.typedDestination(()=>this._dial);e&&await this.ctx.dial(e)&&this.clear()}async callContact(e){let t=e.number??e.mobile;t&&await this.ctx.dial(t)&&this.clear()}};gn=vn,gn.properties={keysHidden:{type:Boolean},_dial:{state:!0}};var yn,bn=class extends hn{constructor(){super(),this.transferOpen=!1,this.keypadOpen=!1,this._destination=``}willUpdate(e){e.has(`transferOpen`)&&!this.transferOpen&&(this._destination=``,this.search.clear())}updated(e){e.has(`transferOpen`)&&this.transferOpen&&this.querySelector(`.transfer-destination`)?.focus()}render(){let{t:e,off:t,call:n}=this,r=n.unique_id,i=W(n.other_name,n.other_number)??e.unknownCaller,a=n.state===`ringing`&&n.direction!==`outgoing`,o=n.state===`established`,s=o||n.state===`on_hold`,c=(e,n,i=``)=>D`<button type="button" class=${i} ?disabled=${t} @click=${()=>this.ctx.act(n,{unique_id:r})}>
        ${e}
      </button>`;return D`<div class="call-head">
        <span class="party">${i}</span>
        ${s&&n.answered_at?D`<xivo-call-timer .since=${n.answered_at} .label=${e.callDuration}></xivo-call-timer>`:k}
      </div>
      <div class="call-meta">
        ${n.other_name&&n.other_number?D`<span class="number">${n.other_number}</span>`:k}
        ${n.direction?D`<span class="direction">${e[n.direction]}</span>`:k}
        ${n.queue?D`<span class="queue">${Y(e.queue,{queue:n.queue})}</span>`:k}
        <span class="state">${e[`call_${n.state}`]}</span>
      </div>
      <div class="actions">
        ${a?c(e.answer,`answer`,`answer`):k}
        ${o?c(e.hold,`hold`):k}
        ${n.state===`on_hold`?c(e.resume,`hold`):k}
        ${o?D`<button type="button" aria-expanded=${this.transferOpen?`true`:`false`} ?disabled=${t}
                @click=${()=>this.ctx.openTransfer(r)}>${e.transfer}</button>
              <button type="button" aria-expanded=${this.keypadOpen?`true`:`false`} ?disabled=${t}
                @click=${()=>this.ctx.toggleKeypad(r)}>${e.keypad}</button>`:k}
        ${c(e.hangup,`hangup`,`hangup`)}
      </div>
      ${this.transferOpen?this.renderTransfer():k}
      ${this.keypadOpen?this.renderTones():k}`}renderTransfer(){let{t:e,off:t,search:n}=this,r=!this._destination.trim();return D`<div class="panel transfer-panel" @keydown=${e=>e.key===`Escape`&&this.ctx.closeTransfer()}>
      <label class="field">
        <span>${e.transferDestination}</span>
        <input type="text" class="transfer-destination" autocomplete="off" inputmode="tel"
          placeholder=${e.numberPlaceholder} .value=${Z(this._destination)} ?disabled=${t}
          @input=${e=>{this._destination=e.target.value,n.input(this._destination)}}
          @keydown=${e=>e.key===`Enter`&&this.transfer(`direct`)} />
      </label>
      ${this.renderMatches(e.chooseContact,e=>{this._destination=e.number??e.mobile??``,n.clear()})}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${t||r}
          @click=${()=>this.transfer(`direct`)}>${e.blindTransfer}</button>
        <button type="button" ?disabled=${t||r}
          @click=${()=>this.transfer(`attended`)}>${e.attendedTransfer}</button>
        <button type="button" @click=${()=>this.ctx.closeTransfer()}>${e.close}</button>
      </div>
    </div>`}renderTones(){let{t:e,off:t}=this;return D`<div class="panel dtmf">
      <div class="keypad">
        ${_n.map(n=>D`<button type="button" aria-label=${Y(e.sendTone,{key:n})} ?disabled=${t}
            @click=${()=>this.ctx.act(`send_dtmf`,{key:n})}>${n}</button>`)}
      </div>
    </div>`}async transfer(e){let t=await this.typedDestination(()=>this._destination);t&&await this.ctx.transfer(e,this.call.unique_id,t)}};yn=bn,yn.properties={call:{attribute:!1},transferOpen:{type:Boolean},keypadOpen:{type:Boolean},_destination:{state:!0}};var xn,Sn=class extends F{constructor(){super(),this.off=!1,this.view={dnd:null,forwards:{}}}createRenderRoot(){return this}render(){let{t:e,off:t,view:n}=this,r=this.ctx.pending;return D`<section class="forwards" aria-labelledby="xivo-forwards-title">
      <h3 id="xivo-forwards-title">${e.section_forwards}</h3>
      ${n.dnd===null?k:this.renderSwitch(e.dnd,`dnd`,n.dnd,e=>r.setDnd(e.checked))}
      ${At.map(i=>{let a=n.forwards[i];return a?D`<div class="forward forward-${i}">
          ${this.renderSwitch(e[`forward_${i}`],`forward-${i}`,a.on,async t=>{await r.toggleForward(i,t.checked,e.needDestination)||(t.checked=r.switchOn(`${i}_forward`))})}
          <input type="text" inputmode="tel" autocomplete="off" class="destination"
            aria-label=${e[`forwardDestination_${i}`]} placeholder=${e.destinationPlaceholder}
            .value=${Z(a.destination)} ?disabled=${t}
            @input=${e=>r.typed(i,e.target.value)}
            @change=${()=>r.commitDestination(i)} />
        </div>`:k})}
    </section>`}renderSwitch(e,t,n,r){return D`<label class="toggle">
      <input type="checkbox" role="switch" class="switch-${t}" .checked=${Z(n)}
        ?disabled=${this.off}
        @change=${e=>r(e.target)} />
      <span>${e}</span>
    </label>`}};xn=Sn,xn.properties={ctx:{attribute:!1},t:{attribute:!1},off:{type:Boolean},view:{attribute:!1}};var Cn,wn=class extends F{constructor(){super(),this.ticker=new $t(this),this.queues=[]}createRenderRoot(){return this}render(){let{t:e,queues:t}=this,n=Date.now();return this.ticker.schedule(_t(t),n),D`<section class="queues" aria-labelledby="xivo-queues-title">
      <h3 id="xivo-queues-title">${e.section_queues}</h3>
      <ul class="queue-list">
        ${z(t,e=>e.id,t=>this.renderQueue(e,t,n))}
      </ul>
    </section>`}renderQueue(e,t,n){let r=yt(t,this.limits,n);return D`<li class="queue-entry ${r?`queue-warning`:``}" data-queue-id=${t.id}>
      <div class="queue-head">
        <h4 class="queue-name">${t.name}</h4>
        ${r?D`<span class="chip warning-chip">${e.overThreshold}</span>`:k}
      </div>
      <dl class="queue-figures">
        <div class="figure-waiting"><dt>${e.waiting}</dt> <dd>${q(t.waiting)}</dd></div>
        <div class="figure-longest"><dt>${e.longestWait}</dt> <dd>${gt(t.longestSince,n)}</dd></div>
        <div class="figure-available"><dt>${e.availableAgents}</dt> <dd>${q(t.available)}</dd></div>
      </dl>
      ${t.calls.length?D`<ul class="waiting-callers" aria-label=${`${e.waitingCallers}: ${t.name}`}>
            ${t.calls.map(t=>D`<li class="waiting-caller">
                <span class="caller">${W(t.name,t.number)??e.unknownCaller}</span>
                ${t.name&&t.number?D`<span class="number muted">${t.number}</span>`:k}
                <span class="wait" role="timer" aria-label=${e.waitingTime}>${gt(t.since,n)}</span>
              </li>`)}
          </ul>`:k}
    </li>`}};Cn=wn,Cn.properties={queues:{attribute:!1},limits:{attribute:!1},t:{attribute:!1}};var Tn=/* @__PURE__ */ new Map;function En(e){return(e?.locale?.time_zone??`server`)===`server`&&e?.config?.time_zone||void 0}function Dn(e){switch(e?.locale?.time_format){case`12`:return!0;case`24`:return!1;case`system`:{let e=new Intl.DateTimeFormat(void 0,{hour:`numeric`}).resolvedOptions().hourCycle;return e===`h11`||e===`h12`}default:return}}function On(e,t){let n=`${e}|${JSON.stringify(t)}`,r=Tn.get(n);if(!r){try{r=new Intl.DateTimeFormat(e,t)}catch{r=new Intl.DateTimeFormat(void 0,{...t,timeZone:void 0})}Tn.set(n,r)}return r}function kn(e,t){return On(`en-CA`,{timeZone:t,year:`numeric`,month:`2-digit`,day:`2-digit`}).format(e)}function An(e,t,n=/* @__PURE__ */ new Date){if(!e)return``;let r=new Date(e);if(Number.isNaN(r.getTime()))return``;let i=t?.locale?.language||t?.language||`en`,a=En(t),o=Dn(t);return On(i,kn(r,a)===kn(n,a)?{timeStyle:`short`,timeZone:a,hour12:o}:{dateStyle:`short`,timeStyle:`short`,timeZone:a,hour12:o}).format(r)}var jn,Mn=ye`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="M6.62,10.79C8.06,13.62 10.38,15.94 13.21,17.38L15.41,15.18C15.69,14.9 16.08,14.82 16.43,14.93C17.55,15.3 18.75,15.5 20,15.5A1,1 0 0,1 21,16.5V20A1,1 0 0,1 20,21A17,17 0 0,1 3,4A1,1 0 0,1 4,3H7.5A1,1 0 0,1 8.5,4C8.5,5.25 8.7,6.45 9.07,7.57C9.18,7.92 9.1,8.31 8.82,8.59L6.62,10.79Z"/></svg>`,Nn=class extends F{constructor(){super(),this.off=!1,this.canReset=!1,this.calls=null,this.error=null}createRenderRoot(){return this}render(){let{t:e,off:t,missed:n,calls:r}=this,i=n&&/^\d+$/.test(n.state)?Number(n.state):null;return D`<section class="recent" aria-labelledby="xivo-recent-title">
      <h3 id="xivo-recent-title">${e.section_recent}</h3>
      ${n?D`<div class="recent-head">
            <span class="missed-count">${Y(e.missedCount,{count:i??`–`})}</span>
            ${this.canReset?D`<button type="button" ?disabled=${t||!i} @click=${()=>this.ctx.resetMissed()}>
                  ${e.resetMissed}
                </button>`:k}
          </div>
          ${i?this.renderLastMissed(n):k}`:k}
      ${this.error?D`<p class="muted history-error">${this.error}</p>`:k}
      ${r===null?D`<p class="muted">${t?``:e.loading}</p>`:r.length===0?D`<p class="muted">${e.noRecent}</p>`:D`<ul class="history">
              ${r.map(e=>this.renderItem(e))}
            </ul>`}
    </section>`}renderLastMissed(e){let t=e=>typeof e==`string`&&e?e:null,n=W(t(e.attributes.last_caller_name),t(e.attributes.last_caller_number));if(!n)return k;let r=An(t(e.attributes.last_missed_at),this.hass);return D`<p class="muted last-missed">${Y(r?this.t.lastMissedAt:this.t.lastMissed,{who:n,when:r})}</p>`}renderItem(e){let{t,off:n}=this,r=e.status===`missed`,i=W(e.name,e.number)??t.unknownCaller,a=e.direction===`incoming`||e.direction===`outgoing`?t[e.direction]:null;return D`<li class="history-item ${r?`missed`:``}">
      <div class="who">
        <span>${i}</span>
        <span class="muted">
          ${r?D`<span class="tag-missed">${t.missed}</span> · `:a?D`${a} · `:k}
          ${An(e.start,this.hass)}${!r&&e.duration?D` · ${H(e.duration)}`:k}
        </span>
      </div>
      ${e.number?D`<button type="button" class="icon call-back" aria-label=${Y(t.callBack,{name:i})}
            ?disabled=${n} @click=${()=>this.ctx.dial(e.number)}>${Mn}</button>`:k}
    </li>`}};jn=Nn,jn.properties={ctx:{attribute:!1},hass:{attribute:!1},t:{attribute:!1},off:{type:Boolean},missed:{attribute:!1},canReset:{type:Boolean},calls:{attribute:!1},error:{attribute:!1}};var Pn,Fn=class extends F{constructor(){super(),this.since=null,this.label=``}createRenderRoot(){return this}connectedCallback(){super.connectedCallback(),this.requestUpdate()}disconnectedCallback(){super.disconnectedCallback(),clearTimeout(this.tick),this.tick=void 0}render(){let e=et(this.since,Date.now());return this.schedule(e),D`<span role="timer" class="timer" aria-label=${this.label}
      >${H(e/1e3)}</span
    >`}schedule(e){clearTimeout(this.tick),this.isConnected&&this.since&&(this.tick=setTimeout(()=>this.requestUpdate(),1e3-e%1e3))}};Pn=Fn,Pn.properties={since:{},label:{}};function Q(e,t){customElements.get(e)||customElements.define(e,t)}Q(`xivo-call-timer`,Fn),Q(`xivo-phone-lamp`,Qt),Q(`xivo-phone-call`,bn),Q(`xivo-dialpad-section`,vn),Q(`xivo-recent-section`,Nn),Q(`xivo-forwards-section`,Sn),Q(`xivo-phone-card-editor`,Vt),Q(`xivo-phone-card`,Xt),Q(`xivo-agent-section`,cn),Q(`xivo-queues-section`,wn),Q(`xivo-queues-card-editor`,on),Q(`xivo-queues-card`,nn);var In={type:`xivo-phone-card`,name:`XiVO phone`,description:J(`en`).cardDescription,preview:!0,documentationURL:`https://github.com/xivo-home-assistant/xivo-home-assistant#the-phone-card`},Ln={type:`xivo-queues-card`,name:J(`en`).queuesCardName,description:J(`en`).queuesCardDescription,preview:!0,documentationURL:`https://github.com/xivo-home-assistant/xivo-home-assistant#the-queues-wallboard`},$=window;$.customCards??=[];for(let e of[In,Ln])$.customCards.some(t=>t.type===e.type)||$.customCards.push({...e});export{In as CARD_INFO,Ln as QUEUES_CARD_INFO,Fn as XivoCallTimer,Xt as XivoPhoneCard,Vt as XivoPhoneCardEditor,Qt as XivoPhoneLamp,nn as XivoQueuesCard,on as XivoQueuesCardEditor,We as errorMessage,H as formatDuration,$e as normaliseNumber};