// Points the example's <iframe> at embed.html next to this build, telling it which origin
// may receive its size messages (this page's). A static page would write the URL out:
//   src="https://berth.example.com/berth/embed.html?archetype=event_worker&parent=https://docs.example.com"
const frame = document.getElementById('frame');
const src = new URL('../embed.html', import.meta.url);
src.searchParams.set('archetype', 'event_worker');
src.searchParams.set('parent', window.location.origin);
frame.src = src.href;
