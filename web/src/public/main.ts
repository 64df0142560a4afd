import { mount } from 'svelte';
import '../lib/app.css';
import Public from './Public.svelte';

mount(Public, { target: document.getElementById('app')! });
