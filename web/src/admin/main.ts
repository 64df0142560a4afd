import '../lib/zod-page.ts';
import { mount } from 'svelte';
import '../lib/app.css';
import Admin from './Admin.svelte';

mount(Admin, { target: document.getElementById('app')! });
