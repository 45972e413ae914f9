// Registers the service worker that keeps the safety plan readable offline (wwwroot/sw.js).
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
