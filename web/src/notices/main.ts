import { mount } from 'svelte';
import '../lib/app.css';
import Notices from './Notices.svelte';

mount(Notices, { target: document.getElementById('app')! });
