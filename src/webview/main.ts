// Chat webview entry (placeholder until the chat UI lands).
document.body.textContent = 'Kimi';
