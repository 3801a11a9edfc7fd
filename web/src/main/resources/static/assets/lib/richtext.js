// The editors' rich-text editor, for articles and site pages alike: TinyMCE 6 (MIT; 7 and later are GPL) from its
// WebJar, loaded as the script it ships, no build. It offers only what the server's sanitiser keeps (article-service
// ArticleText: OWASP formatting, blocks, links, images, tables, figure, pre/code, hr, br), so what the editor shows is
// what is stored; no inline styles. The textarea it replaces stays the form's field: "HTML 源码" shows it, and when
// TinyMCE cannot load the textarea is all there is, so the form still saves.
import { h } from './dom.js';
import { ZH_CN } from './tinymce-zh.js';

const BASE = '/webjars/tinymce/6.8.3';
const LOAD_TIMEOUT = 15_000;

// Elements (and their attributes) the editor keeps: the sanitiser's set. b/i/strike are written as strong/em/s.
const VALID_ELEMENTS = [
  'p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'strong/b', 'em/i', 'u', 's/strike', 'sub', 'sup', 'code',
  'pre', 'hr', 'br', 'a[href|rel]', 'img[src|alt|width|height]', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th[colspan|rowspan|scope]', 'td[colspan|rowspan]',
].join(',');

let loading = null;

/** window.tinymce, once its script has run; rejects when it cannot be had (the page keeps the textarea). */
function loadTinyMCE() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      if (window.tinymce) {
        resolve(window.tinymce);
        return;
      }
      const script = h('script', { src: `${BASE}/tinymce.min.js` });
      const timer = setTimeout(() => reject(new Error('TinyMCE did not load in time')), LOAD_TIMEOUT);
      script.addEventListener('load', () => {
        clearTimeout(timer);
        if (window.tinymce) resolve(window.tinymce);
        else reject(new Error('TinyMCE script ran without defining tinymce'));
      });
      script.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new Error('TinyMCE script could not be loaded'));
      });
      document.head.append(script);
    }).then((tinymce) => {
      tinymce.addI18n('zh_CN', ZH_CN);
      return tinymce;
    });
  }
  return loading;
}

/**
 * Makes the textarea a rich-text editor. Returns {tools, ready, value(), setValue(html), focus(), remove()}: put
 * `tools` (the "HTML 源码" toggle and the editor's state) next to the field; `ready` settles once the editor runs or
 * the page has fallen back to the textarea. Options: onChange() after every edit; uploadImage(file) → the media
 * library's item {url, width, height} (pasted and dropped images, the image dialog's upload tab); pickImage() → an
 * item or null (the toolbar's 媒体库 button).
 */
export function richText(textarea, { onChange = () => {}, uploadImage, pickImage, label = '正文' } = {}) {
  let editor = null;
  const sizes = new Map();
  const sourceToggle = h('button', {
    type: 'button', class: 'button button-ghost button-small', id: `${textarea.id}-source`, 'aria-pressed': 'false',
    'aria-controls': textarea.id, disabled: true, title: '直接编辑 HTML 源码;再次点击回到可视化编辑',
  }, 'HTML 源码');
  const state = h('span', { class: 'muted small richtext-state', role: 'status' }, '正在加载编辑器…');
  const tools = h('div', { class: 'richtext-tools' }, sourceToggle, state);
  const sourceMode = () => !editor || editor.isHidden();

  textarea.addEventListener('input', () => onChange());
  // The field's label names the editing area whichever of the two shows.
  document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`)?.addEventListener('click', (event) => {
    if (!sourceMode()) {
      event.preventDefault();
      editor.focus();
    }
  });

  /** Images uploaded here carry the library's size and an empty alt (the editor may describe them later). */
  const sizeUploadedImages = () => {
    if (!editor || sizes.size === 0) return;
    for (const img of editor.dom.select('img')) {
      const size = sizes.get(img.getAttribute('src'));
      if (size && !img.hasAttribute('width')) {
        editor.dom.setAttribs(img, { width: size.width, height: size.height });
        if (!img.hasAttribute('alt')) img.setAttribute('alt', '');
      }
    }
  };

  const imageTag = (item) => editor.dom.createHTML('img', { src: item.url, width: item.width, height: item.height, alt: '' });

  const config = () => ({
    target: textarea,
    base_url: BASE,
    suffix: '.min',
    language: 'zh_CN',
    promotion: false,
    branding: false,
    menubar: false,
    contextmenu: false,
    elementpath: false,
    browser_spellcheck: true,
    plugins: 'lists link image table autolink autoresize wordcount',
    toolbar: 'undo redo | blocks | bold italic underline strikethrough inlinecode | bullist numlist blockquote | '
      + `link image ${pickImage ? 'medialibrary ' : ''}table hr | removeformat`,
    toolbar_mode: 'wrap',
    block_formats: '正文=p; 二级标题=h2; 三级标题=h3; 四级标题=h4; 代码块=pre',
    // Underline and strikethrough as elements the sanitiser keeps, not as styled spans.
    formats: { underline: { inline: 'u', remove: 'all' }, strikethrough: { inline: 's', remove: 'all' } },
    valid_elements: VALID_ELEMENTS,
    valid_styles: { '*': '' },
    entity_encoding: 'raw',
    // /media/… stays a path on this site; links elsewhere stay whole.
    relative_urls: false,
    remove_script_host: true,
    link_title: false,
    link_target_list: false,
    link_default_protocol: 'https',
    image_advtab: false,
    image_title: false,
    image_caption: true,
    image_dimensions: true,
    image_description: true,
    images_file_types: 'jpeg,jpg,jpe,jfif,png,gif,webp',
    automatic_uploads: Boolean(uploadImage),
    paste_data_images: Boolean(uploadImage),
    images_upload_handler: uploadImage ? (blobInfo) => uploadImage(blobInfo.blob(), blobInfo.filename())
      .then((item) => {
        sizes.set(item.url, { width: item.width, height: item.height });
        // TinyMCE puts the address in after this promise settles.
        setTimeout(sizeUploadedImages, 0);
        return item.url;
      })
      .catch((error) => Promise.reject({ message: error.message || '上传失败', remove: true })) : undefined,
    table_toolbar: 'tableinsertrowbefore tableinsertrowafter tabledeleterow | tableinsertcolbefore tableinsertcolafter tabledeletecol | tabledelete',
    table_appearance_options: false,
    table_advtab: false,
    table_cell_advtab: false,
    table_row_advtab: false,
    table_default_attributes: {},
    table_default_styles: {},
    table_sizing_mode: 'responsive',
    table_resize_bars: false,
    table_use_colgroups: false,
    object_resizing: 'img',
    // The site's own stylesheet, so the text looks as readers will see it.
    content_css: ['/assets/site.css'],
    body_class: 'article-body',
    content_style: 'html, body { background: #fff; } body { margin: 16px 20px; min-height: 0; }',
    iframe_aria_text: `${label}(富文本编辑区,按 Alt+F10 进入工具栏)`,
    min_height: 420,
    max_height: 900,
    autoresize_bottom_margin: 24,
    // The page keeps the textarea in step itself: TinyMCE's own form and unload hooks would write a stale text over
    // the source view.
    add_form_submit_trigger: false,
    add_unload_trigger: false,
    setup: (ed) => {
      ed.ui.registry.addToggleButton('inlinecode', {
        icon: 'sourcecode', tooltip: '行内代码',
        onAction: () => ed.execCommand('mceToggleFormat', false, 'code'),
        onSetup: (button) => {
          const changed = ed.formatter.formatChanged('code', (active) => button.setActive(active));
          return () => changed.unbind();
        },
      });
      if (pickImage) {
        ed.ui.registry.addButton('medialibrary', {
          icon: 'gallery', tooltip: '从媒体库插入图片',
          onAction: async () => {
            const item = await pickImage();
            if (item) ed.insertContent(imageTag(item));
            ed.focus();
          },
        });
      }
      ed.on('input change undo redo SetContent ExecCommand', () => {
        sizeUploadedImages();
        onChange();
      });
    },
  });

  const ready = loadTinyMCE()
    .then((tinymce) => {
      tinymce.get(textarea.id)?.remove();
      return Promise.race([
        tinymce.init(config()),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('TinyMCE did not start in time')), LOAD_TIMEOUT)),
      ]);
    })
    .then((editors) => {
      if (!editors?.length) throw new Error('TinyMCE started no editor');
      [editor] = editors;
      sourceToggle.disabled = false;
      state.textContent = '';
    })
    .catch((error) => {
      console.error(error);
      editor = null;
      sourceToggle.hidden = true;
      textarea.hidden = false;
      textarea.style.display = '';
      state.textContent = '可视化编辑器未能加载,请直接编辑 HTML(保存不受影响)。';
    });

  sourceToggle.addEventListener('click', () => {
    if (!editor) return;
    if (editor.isHidden()) {
      // Back to the visual editor: it reads the source as edited (and drops what the server would drop).
      editor.show();
      sourceToggle.setAttribute('aria-pressed', 'false');
      editor.focus();
    } else {
      editor.hide();
      sourceToggle.setAttribute('aria-pressed', 'true');
      textarea.focus();
    }
    onChange();
  });

  return {
    tools,
    ready,
    /** The HTML as it is now, in whichever view the editor works. */
    value: () => (sourceMode() ? textarea.value : editor.getContent()),
    /** Shows html (a stored version) as the new starting point: the undo history starts again from it. */
    setValue(html) {
      textarea.value = html;
      if (editor && !editor.isHidden()) {
        editor.setContent(html);
        editor.undoManager.clear();
        editor.setDirty(false);
      }
    },
    /**
     * The HTML the server stored after a save: the source view shows it (what was typed may have lost a script);
     * the visual editor keeps its text, which is already within what the server keeps.
     */
    stored(html) {
      textarea.value = html;
    },
    focus: () => (sourceMode() ? textarea.focus() : editor.focus()),
    remove() {
      if (editor && !editor.removed) editor.remove();
      editor = null;
    },
  };
}
