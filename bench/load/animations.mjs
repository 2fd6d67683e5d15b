// Animations off in a browser context: the load is the app's, and twenty renderers drawing MudBlazor's progress bars
// and ripples at frame rate on the app's two cores took most of them (load average 27, the app 0.3 of a core). A
// user's browser draws them on the user's own machine.
export const withoutAnimations = (context) => context.addInitScript(() => {
  const style = () => {
    const sheet = document.createElement('style');
    sheet.textContent = '*, *::before, *::after { animation: none !important; transition: none !important; }';
    document.head.appendChild(sheet);
  };
  if (document.head) style(); else document.addEventListener('DOMContentLoaded', style);
});
