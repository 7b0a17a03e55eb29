'use strict';
// The article form: character counts, body image upload (or an image reused from
// the media library), autosave while typing,
// and no lost words: a warning before leaving with unsaved changes, and workflow
// steps refused while the form holds changes they would not take (送审 itself
// saves the form first: its button belongs to the article form).
// Loaded in <head> without defer, so that it listens before the editor is ready.
(function () {
  let desk = null;
  let form = null;
  const FIELDS = ['kicker', 'title', 'subtitle', 'summary', 'body'];
  let editable = false;
  let editor = null;
  let timer = null;
  let submitting = false;
  let savedFields = null; // the form as loaded, to tell unsaved changes
  let savedBody = null;
  const saved = document.createElement('span');
  saved.className = 'desk-saved';
  saved.setAttribute('role', 'status');

  function csrfToken() {
    const input = form.querySelector('[name=csrfmiddlewaretoken]');
    return input ? input.value : '';
  }

  function charCount(text) {
    return text.replace(/\s/g, '').length;
  }

  function collect() {
    const data = {};
    FIELDS.forEach((name) => {
      const field = form.elements[name];
      if (field) {
        data[name] = field.value;
      }
    });
    if (editor) {
      data.body = editor.getHTML();
    }
    return data;
  }

  // The form's fields as a string, the body (kept by the editor) left out.
  function snapshot() {
    const parts = [];
    new FormData(form).forEach((value, name) => {
      if (name === 'csrfmiddlewaretoken' || name === 'body') {
        return;
      }
      parts.push([name, typeof value === 'string' ? value : `${value.name}:${value.size}`]);
    });
    return JSON.stringify(parts);
  }

  function bodyNow() {
    if (editor) {
      return editor.getHTML();
    }
    return form.elements.body ? form.elements.body.value : '';
  }

  function unsaved() {
    if (!editable || savedFields === null) {
      return false;
    }
    return snapshot() !== savedFields || (savedBody !== null && bodyNow() !== savedBody);
  }

  function guardSteps() {
    const notice = document.querySelector('.desk-unsaved');
    document.querySelectorAll('form.desk-action').forEach((step) => {
      step.addEventListener('submit', (event) => {
        if (unsaved()) {
          event.preventDefault();
          if (notice) {
            notice.textContent = `有未保存的修改：请先点击下方“保存并继续编辑”，再${step.dataset.label || '操作'}。`;
            notice.hidden = false;
            notice.scrollIntoView({block: 'center'});
          }
          return;
        }
        if (step.dataset.confirm && !window.confirm(step.dataset.confirm)) {
          event.preventDefault();
        }
      });
    });
  }

  function autosave() {
    if (!editable || submitting) {
      return;
    }
    fetch(desk.dataset.autosaveUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrfToken()},
      body: JSON.stringify({article: desk.dataset.article || null, data: collect()}),
    })
      .then((response) => response.json())
      .then((json) => {
        saved.className = json.saved_at ? 'desk-saved' : 'desk-error';
        saved.textContent = json.saved_at ? `已自动保存草稿（${json.saved_at}）` : json.error;
      })
      .catch(() => {
        saved.className = 'desk-error';
        saved.textContent = '自动保存失败，请手动保存。';
      });
  }

  function scheduleAutosave() {
    clearTimeout(timer);
    timer = setTimeout(autosave, 1200);
  }

  // The caption and alternative text typed next to the upload button go with the
  // image: a figure with its caption (the editor's figure dialog edits both later).
  function insertImage(url) {
    const caption = document.getElementById('desk-image-caption');
    const alt = document.getElementById('desk-image-alt');
    const captionText = caption ? caption.value.trim() : '';
    const altText = (alt ? alt.value.trim() : '') || captionText;
    const content = [{type: 'image', attrs: {src: url, alt: altText}}];
    if (captionText) {
      content.push({type: 'caption', content: [{type: 'text', text: captionText}]});
    }
    editor.chain().focus().insertContent({type: 'figure', content}).run();
    [caption, alt].forEach((input) => {
      if (input) {
        input.value = '';
      }
    });
  }

  // What a paste brings that cannot be kept: pictures on the writer's own disk
  // (Word puts file:// addresses in the copied HTML). Pasted picture files
  // (a screenshot) are uploaded like chosen ones.
  const LOCAL_IMAGE = /<img[^>]*\ssrc\s*=\s*["']?(?:file:|blob:|data:)/gi;

  function watchPaste(message) {
    editor.view.dom.addEventListener('paste', (event) => {
      const data = event.clipboardData;
      if (!data) {
        return;
      }
      const files = Array.from(data.files || []).filter((file) => file.type.startsWith('image/'));
      const local = (data.getData('text/html').match(LOCAL_IMAGE) || []).length;
      if (files.length && !data.getData('text/html')) {
        event.preventDefault();
        if (!editable) {
          return;
        }
        files.reduce((done, file) => done.then(() => uploadImage(file, message)), Promise.resolve());
      } else if (local) {
        message.className = 'desk-error';
        message.textContent = `粘贴的内容中有 ${local} 张本机图片无法随文字上传，已略去；请用“上传图片到正文”逐张插入。`;
      }
    }, true);
  }

  function uploadImage(file, message) {
    const data = new FormData();
    data.append('image', file);
    ['caption', 'alt'].forEach((name) => {
      const input = document.getElementById(`desk-image-${name}`);
      data.append(name, input ? input.value.trim() : '');
    });
    message.className = 'desk-count';
    message.textContent = '正在上传…';
    return fetch(desk.dataset.uploadUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'X-CSRFToken': csrfToken()},
      body: data,
    })
      .then((response) => response.json())
      .then((json) => {
        if (!json.url) {
          throw new Error(json.error || '上传失败');
        }
        insertImage(json.url);
        message.className = 'desk-saved';
        message.textContent = '图片已插入正文。';
      })
      .catch((error) => {
        message.className = 'desk-error';
        message.textContent = error.message;
      });
  }

  // The media library: search it and insert an image that is already there, with
  // its caption and alternative text (the library's, unless typed anew).
  function mediaPicker(message) {
    const box = document.createElement('div');
    box.className = 'desk-media-picker';
    box.id = 'desk-media-picker';
    box.hidden = true;
    const search = document.createElement('input');
    search.type = 'search';
    search.id = 'desk-media-search';
    search.placeholder = '按图片说明、摄影者搜索图片库';
    search.setAttribute('aria-label', '搜索图片库');
    const list = document.createElement('ul');
    const find = () => {
      const url = `${desk.dataset.mediaUrl}?q=${encodeURIComponent(search.value)}`;
      fetch(url, {credentials: 'same-origin'})
        .then((response) => response.json())
        .then((json) => {
          list.replaceChildren();
          (json.results || []).forEach((image) => {
            const item = document.createElement('li');
            const choose = document.createElement('button');
            choose.type = 'button';
            const picture = document.createElement('img');
            picture.src = image.url;
            picture.alt = image.alt;
            const label = document.createElement('span');
            label.textContent = image.caption || image.credit || '（无图片说明）';
            choose.append(picture, label);
            choose.addEventListener('click', () => {
              const caption = document.getElementById('desk-image-caption');
              const alt = document.getElementById('desk-image-alt');
              if (caption && !caption.value.trim()) {
                caption.value = image.caption;
              }
              if (alt && !alt.value.trim()) {
                alt.value = image.alt;
              }
              insertImage(image.url);
              box.hidden = true;
              message.className = 'desk-saved';
              message.textContent = '已从图片库插入正文。';
            });
            item.appendChild(choose);
            list.appendChild(item);
          });
          if (!list.children.length) {
            list.textContent = '图片库中没有符合的图片。';
          }
        });
    };
    search.addEventListener('input', () => {
      clearTimeout(search.timer);
      search.timer = setTimeout(find, 300);
    });
    box.append(search, list);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.id = 'desk-media-open';
    button.textContent = '从图片库选择';
    button.addEventListener('click', () => {
      box.hidden = !box.hidden;
      if (!box.hidden) {
        find();
        search.focus();
      }
    });
    return [button, box];
  }

  // The editor's words in Chinese: its dialogs ask Django's catalog (gettext),
  // its block menu has English written in.
  const EDITOR_WORDS = {
    'Heading 2': '二级标题', 'Heading 3': '三级标题', 'Heading 4': '四级标题',
    Paragraph: '正文段落', figure: '插图', 'Add caption': '添加图片说明',
    'Remove caption': '删除图片说明', 'Alternative Text': '替代文字（图片内容）',
    Caption: '图片说明', 'Edit Figure': '编辑插图', 'Edit Image': '编辑图片',
    'Insert Figure': '插入图片', 'Image URL': '图片地址', 'Browse...': '浏览…',
    Insert: '插入', Update: '确定', Cancel: '取消', URL: '网址', Title: '标题',
    'Edit Link': '编辑链接', 'Open in new window': '在新窗口打开',
    'Insert Table': '插入表格', Rows: '行数', Columns: '列数',
    'Include header row': '包含表头行', 'Table Properties': '表格属性',
    'Toggle fullscreen': '全屏', 'Edit HTML': '编辑 HTML', Prettify: '整理格式',
    'List properties': '列表属性', 'List type': '列表类型', 'Start at': '起始编号',
    Bullets: '圆点', 'Decimal numbers': '数字', 'Lowercase letters': '小写字母',
    'Uppercase letters': '大写字母', 'Lowercase Roman numerals': '小写罗马数字',
    'Uppercase Roman numerals': '大写罗马数字',
    'The HTML contents of the editor. Note that the allowed HTML is restricted by the editor schema.':
      '编辑器中的 HTML；只保留编辑器允许的标签。',
  };
  // This script runs before the admin's catalog (jsi18n), which adds to the
  // catalog it finds rather than replace it.
  window.django = window.django || {};
  window.django.catalog = window.django.catalog || {};
  Object.entries(EDITOR_WORDS).forEach(([english, chinese]) => {
    if (window.django.catalog[english] === undefined) {
      window.django.catalog[english] = chinese;
    }
  });

  function translateMenu(container) {
    translateNow(container);
    // The menu bar is built (and its drop-downs filled) after the editor is ready.
    new MutationObserver((changes) => {
      if (changes.some((change) => !change.target.closest || !change.target.closest('.ProseMirror'))) {
        translateNow(container);
      }
    }).observe(container, {
      childList: true,
      subtree: true,
    });
  }

  function translateNow(container) {
    container.querySelectorAll('.prose-menubar *').forEach((element) => {
      if (!element.children.length && EDITOR_WORDS[element.textContent]) {
        element.textContent = EDITOR_WORDS[element.textContent];
      }
      if (EDITOR_WORDS[element.title]) {
        element.title = EDITOR_WORDS[element.title];
      }
    });
  }

  function addCounter(field) {
    const counter = document.createElement('span');
    counter.className = 'desk-count';
    const update = () => {
      counter.textContent = `${charCount(field.value)} 字`;
    };
    field.insertAdjacentElement('afterend', counter);
    field.addEventListener('input', update);
    update();
  }

  function findPage() {
    desk = document.getElementById('desk');
    form = document.getElementById('article_form');
    editable = Boolean(desk && desk.dataset.editable);
    return Boolean(desk && form);
  }

  document.addEventListener('prose-editor:ready', (event) => {
    if (event.detail.textarea.name !== 'body' || !findPage()) {
      return;
    }
    editor = event.detail.editor;
    const container = event.detail.textarea.closest('.prose-editor') || event.detail.textarea;
    const tools = document.createElement('div');
    tools.className = 'desk-tools';
    const count = document.createElement('span');
    count.className = 'desk-count';
    count.id = 'desk-body-count';
    const updateCount = () => {
      count.textContent = `正文 ${charCount(editor.getText())} 字`;
    };
    tools.appendChild(count);
    if (editable) {
      const picker = document.createElement('input');
      picker.type = 'file';
      picker.accept = 'image/jpeg,image/png,image/webp';
      picker.hidden = true;
      picker.id = 'desk-image-input';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button';
      button.textContent = '上传图片到正文';
      const message = document.createElement('span');
      message.id = 'desk-image-message';
      const caption = document.createElement('input');
      caption.id = 'desk-image-caption';
      caption.placeholder = '图片说明（可选）';
      caption.setAttribute('aria-label', '正文图片的图片说明');
      const alt = document.createElement('input');
      alt.id = 'desk-image-alt';
      alt.placeholder = '替代文字：图片上是什么';
      alt.setAttribute('aria-label', '正文图片的替代文字');
      button.addEventListener('click', () => picker.click());
      picker.addEventListener('change', () => {
        if (picker.files.length) {
          uploadImage(picker.files[0], message).finally(() => {
            picker.value = '';
          });
        }
      });
      tools.append(caption, alt, button, ...mediaPicker(message), picker, message);
      watchPaste(message);
    }
    translateMenu(container);
    tools.appendChild(saved);
    container.insertAdjacentElement('afterend', tools);
    editor.on('update', () => {
      updateCount();
      scheduleAutosave();
    });
    updateCount();
    savedBody = editor.getHTML();
  });

  function setUpForm() {
    if (!findPage()) {
      return;
    }
    savedFields = snapshot();
    if (savedBody === null && !editor && form.elements.body) {
      savedBody = form.elements.body.value;
    }
    guardSteps();
    window.addEventListener('beforeunload', (event) => {
      if (!submitting && unsaved()) {
        event.preventDefault();
        event.returnValue = '';
      }
    });
    const title = form.elements.title;
    if (title) {
      addCounter(title);
    }
    form.addEventListener('input', (event) => {
      if (FIELDS.includes(event.target.name)) {
        scheduleAutosave();
      }
    });
    form.addEventListener('submit', () => {
      submitting = true;
      clearTimeout(timer);
    });

    const banner = desk.querySelector('.desk-autosave');
    const restore = desk.querySelector('[data-autosave-restore]');
    const discard = desk.querySelector('[data-autosave-discard]');
    if (restore) {
      restore.addEventListener('click', () => {
        const data = JSON.parse(document.getElementById('desk-autosave-data').textContent) || {};
        FIELDS.forEach((name) => {
          const field = form.elements[name];
          if (field && name !== 'body' && data[name] !== undefined) {
            field.value = data[name];
            field.dispatchEvent(new Event('input', {bubbles: true}));
          }
        });
        if (editor && data.body !== undefined) {
          editor.commands.setContent(data.body);
        } else if (form.elements.body) {
          form.elements.body.value = data.body || '';
        }
        banner.remove();
      });
    }
    if (discard) {
      discard.addEventListener('click', () => {
        fetch(desk.dataset.autosaveUrl, {
          method: 'POST',
          credentials: 'same-origin',
          headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrfToken()},
          body: JSON.stringify({article: desk.dataset.article || null, discard: true}),
        }).then(() => banner.remove());
      });
    }
  }

  document.addEventListener('DOMContentLoaded', setUpForm);
}());
