'use strict';
// The article form: character counts, body image upload, autosave while typing.
// Loaded in <head> without defer, so that it listens before the editor is ready.
(function () {
  let desk = null;
  let form = null;
  const FIELDS = ['kicker', 'title', 'subtitle', 'summary', 'body'];
  let editable = false;
  let editor = null;
  let timer = null;
  let submitting = false;
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

  function uploadImage(file, message) {
    const data = new FormData();
    data.append('image', file);
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
        editor.chain().focus().setImage({src: json.url, alt: ''}).run();
        message.className = 'desk-saved';
        message.textContent = '图片已插入正文。';
      })
      .catch((error) => {
        message.className = 'desk-error';
        message.textContent = error.message;
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
      button.addEventListener('click', () => picker.click());
      picker.addEventListener('change', () => {
        if (picker.files.length) {
          uploadImage(picker.files[0], message).finally(() => {
            picker.value = '';
          });
        }
      });
      tools.append(button, picker, message);
    }
    tools.appendChild(saved);
    const container = event.detail.textarea.closest('.prose-editor') || event.detail.textarea;
    container.insertAdjacentElement('afterend', tools);
    editor.on('update', () => {
      updateCount();
      scheduleAutosave();
    });
    updateCount();
  });

  function setUpForm() {
    if (!findPage()) {
      return;
    }
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
