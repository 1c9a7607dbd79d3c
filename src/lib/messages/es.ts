import type { Catalogue } from './catalogue';

export const es: Catalogue = {
	app: {
		name: 'Pathways',
		tagline: 'Tu plan para la escuela y para después.',
		skipToContent: 'Ir al contenido principal'
	},
	language: {
		label: 'Idioma',
		saveFailed:
			'Tu idioma quedó guardado en este dispositivo. Se guardará en tu cuenta la próxima vez que tengas internet.'
	},
	errors: {
		'wrong-username-or-password':
			'El nombre de usuario y la contraseña no coinciden. Revísalos e inténtalo de nuevo.',
		'too-many-attempts': 'Demasiados intentos. Espera unos minutos y vuelve a intentarlo.',
		busy: 'Mucha gente está entrando ahora mismo. Espera un momento y vuelve a intentarlo.',
		'account-inactive': 'Esta cuenta está desactivada. Pide ayuda a la escuela.',
		'not-signed-in': 'Tu sesión terminó. Por favor, inicia sesión otra vez.',
		'invite-not-found':
			'No reconocemos ese código de invitación. Revíselo letra por letra o pida uno nuevo a la escuela.',
		'invite-used': 'Este código de invitación ya se usó. Si no fue usted, pida un código nuevo a la escuela.',
		'invite-expired': 'Este código de invitación ya venció. Pida uno nuevo a la escuela.',
		'username-taken': 'Otra persona ya tiene ese nombre de usuario. Por favor, elija otro.',
		'invalid-username':
			'Elija un nombre de usuario de 3 a 40 caracteres: letras, números, puntos, guiones o guiones bajos. Debe empezar con una letra o un número.',
		'weak-password': 'Elija una contraseña de al menos 8 caracteres. Una frase corta es fácil de recordar.',
		'invalid-name': 'Por favor, escriba su nombre.',
		'server-error':
			'Algo salió mal en el servidor de la escuela. Por favor, inténtalo de nuevo en unos minutos.'
	},
	home: {
		title: 'Planes en este dispositivo',
		empty: 'Todavía no hay planes en este dispositivo.',
		newPlan: 'Empezar un plan nuevo',
		studentName: 'Nombre del estudiante',
		create: 'Crear plan',
		nameNeeded: 'Por favor, escribe el nombre del estudiante.',
		lastEdited: 'Último cambio',
		notSynced: 'Todavía no se envió a la escuela',
		open: 'Abrir'
	},
	save: {
		codeNotLoaded:
			'Esta página no se pudo cargar en este dispositivo. Conéctate a internet una vez y ábrela de nuevo.',
		loading: 'Abriendo el plan…',
		downloading: 'Trayendo este plan desde la escuela. La primera vez se necesita internet.',
		saving: 'Guardando en este dispositivo…',
		saved: 'Guardado en este dispositivo',
		error:
			'No se guardó: este dispositivo no pudo guardar tu último cambio. Deja esta página abierta y libera algo de espacio.',
		tooNew:
			'Este plan se cambió con una versión más nueva de Pathways. Puedes leerlo, pero vuelve a cargar la aplicación para editarlo.',
		notFound: 'Este plan no está en este dispositivo.',
		signInToOpen: 'Si es tu plan de la escuela, inicia sesión para abrirlo en este dispositivo.'
	},
	sync: {
		deviceOnly: 'Solo en este dispositivo',
		offline: 'Sin conexión · los cambios se guardan en este dispositivo',
		connecting: 'Conectando con la escuela…',
		syncing: 'Enviando los cambios a la escuela…',
		synced: 'Sincronizado con la escuela',
		waiting:
			'{count, plural, one {# cambio esperando para enviarse} other {# cambios esperando para enviarse}}',
		signedOut: 'Tu sesión terminó. Inicia sesión otra vez para enviar tus cambios. No se pierde nada.',
		noAccess: 'Ya no puedes abrir este plan en la escuela. Tus cambios se quedan en este dispositivo.',
		readOnly: 'Su escuela le permite leer este plan, pero no cambiarlo.',
		readOnlyGuardian:
			'El plan lo escriben el estudiante y la escuela. Aquí puede leerlo, y escribir lo que piensa en “De parte de la familia”.',
		changeRefused: 'La escuela no aceptó un cambio aquí, porque solo puedes leer esta parte.',
		tooManyConnections:
			'Este plan está abierto en demasiadas pestañas o dispositivos a la vez. Cierra uno y este se conectará de nuevo solo. Tus cambios están guardados en este dispositivo.',
		cannotReach:
			'No se puede llegar al servidor de la escuela. Revisa la conexión a internet e inténtalo de nuevo.',
		serverError:
			'Algo salió mal en el servidor de la escuela. Por favor, inténtalo de nuevo en unos minutos.',
		hereNow: 'Aquí ahora:',
		you: 'tú'
	},
	auth: {
		signIn: 'Iniciar sesión',
		signOut: 'Cerrar sesión',
		username: 'Nombre de usuario',
		password: 'Contraseña',
		signingIn: 'Iniciando sesión…',
		signedInAs: 'Sesión iniciada como {name}',
		needOnline:
			'La primera vez necesitas internet para iniciar sesión. Después, Pathways funciona sin conexión.',
		signInAgain: 'Iniciar sesión otra vez',
		confirmSignOut:
			'¿Cerrar sesión y quitar tus planes de este dispositivo? Se perderá todo lo que todavía no se envió a la escuela.',
		confirmSignOutUnsynced:
			'{count, plural, one {# de tus planes tiene cambios que todavía no llegan a la escuela.} other {# de tus planes tienen cambios que todavía no llegan a la escuela.}} Si cierras sesión ahora, esos cambios se pierden. ¿Quieres cerrar sesión de todos modos?',
		schoolPlans: 'Tus planes en la escuela',
		devicePlans: 'Planes que están solo en este dispositivo',
		familyInvite: '¿Es usted familiar y tiene un código de invitación?',
		refreshFailed:
			'No se pudo traer tu lista de planes desde la escuela. Se muestran los planes guardados en este dispositivo.'
	},
	join: {
		title: 'Únase al plan de su hijo o hija',
		intro:
			'La escuela le dio un código de invitación. Con él puede crear su propia cuenta de Pathways. No necesita una cuenta de la escuela.',
		code: 'Código de invitación',
		yourName: 'Su nombre',
		chooseUsername: 'Elija un nombre de usuario',
		choosePassword: 'Elija una contraseña',
		passwordHint: 'Al menos 8 caracteres. Use palabras que pueda recordar.',
		submit: 'Unirme'
	},
	storage: {
		low: 'A este dispositivo casi no le queda espacio. Tu plan está seguro, pero es posible que los cambios nuevos no quepan. Borra los archivos que no necesites.',
		notPersistent:
			'Este navegador puede borrar los planes guardados cuando falta espacio. Instala Pathways para mantener tu plan seguro.'
	},
	evidence: {
		attach: 'Agregar un archivo',
		attachHint:
			'Un PDF, una foto, un audio, un video o un documento. Se queda en este dispositivo hasta que llegue a la escuela.',
		record: 'Grabar audio',
		recordVideo: 'Grabar video',
		stopRecording: 'Detener y guardar la grabación',
		recording: 'Grabando… {seconds} s',
		recordingName: 'Grabación del {date}',
		noMicrophone:
			'No pudimos usar el micrófono ni la cámara. Revisa que este navegador tenga permiso para usarlos.',
		tooLarge: 'Este archivo es demasiado grande. El archivo más grande que puedes agregar es de {mb} MB.',
		wrongType:
			'Pathways no puede guardar este tipo de archivo. Agrega un PDF, una foto, un audio, un video o un documento.',
		empty: 'Este archivo está vacío.',
		queueTitle: 'Archivos que esperan llegar a la escuela',
		waiting: 'Esperando para enviarse',
		sending: 'Enviado: {percent} %',
		refused: 'No se envió: {message}',
		allSent: 'Todos los archivos llegaron a la escuela.',
		storage:
			'{files, plural, one {# archivo de evidencia} other {# archivos de evidencia}} en este dispositivo ({size}).',
		freeable: '{size} de ellos ya están en la escuela y se pueden quitar de este dispositivo.',
		free: 'Quitar los archivos que la escuela ya tiene',
		freed: 'Se quitaron {size} de este dispositivo.',
		open: 'Abrir el archivo',
		notHere: 'Este archivo no está en este dispositivo. Conéctate a internet para verlo.',
		loading: 'Cargando el archivo…'
	},
	backups: {
		link: 'Copias de seguridad',
		title: 'Copias de seguridad',
		intro:
			'El servidor copia todos los planes y archivos de evidencia una vez al día. Guarda también una copia en otro lugar.',
		schedule: 'Todos los días a las {time} (UTC). Se guardan las últimas {keep} copias.',
		off: 'Las copias de seguridad diarias están desactivadas en este servidor.',
		none: 'Todavía no se ha hecho ninguna copia de seguridad.',
		lastOk: 'Última copia: {time}. Funcionó.',
		lastFailed: 'Última copia: {time}. NO funcionó: {detail}',
		lastSuccess: 'Última copia que funcionó: {time}.',
		now: 'Hacer una copia ahora',
		working: 'Haciendo la copia…',
		school: 'Descargar todos los planes de la escuela (.zip)',
		adminOnly: 'Solo un administrador de la escuela puede ver las copias de seguridad.'
	},
	exporting: {
		print: 'Imprimir este plan',
		download: 'Descargar todo (.zip)',
		downloading: 'Preparando la descarga…',
		failed: 'La descarga no funcionó. Inténtalo de nuevo cuando tengas internet.'
	},
	planImport: {
		link: 'Traer un plan de otra escuela',
		title: 'Traer un plan de otra escuela',
		intro:
			'Un estudiante que viene de otra escuela que usa Pathways puede traer su plan. Pida a esa escuela el archivo del plan (el .zip de “Descargar todo”) y elíjalo aquí.',
		whose: '¿A qué plan se agrega?',
		file: 'El archivo (.zip)',
		reading: 'Leyendo el archivo…',
		holds: 'Lo que contiene el archivo',
		archiveStudent: 'Estudiante en el archivo',
		archiveSchool: 'Escuela en el archivo',
		exportedOn: 'Descargado en la otra escuela',
		section: 'Parte del plan',
		count: 'Cuántos',
		profileAnswers: 'Respuestas de Sobre mí',
		files: 'Archivos de evidencia',
		familyPart: 'Parte de la familia (reflexiones y comentarios)',
		familyNotYours:
			'La parte de la familia solo llega cuando un administrador de la escuela trae el plan. Todo lo demás llega ahora.',
		keeps:
			'No se borra nada del plan. Se mantienen la escuela, el grado y el número de estudiante de la escuela nueva; los anteriores quedan en el historial del plan.',
		otherStudent:
			'Este archivo es el plan de {archived}, pero usted eligió el plan de {ours}. Tráigalo solo si son el mismo estudiante.',
		sameStudent: 'Sí, es el mismo estudiante',
		apply: 'Traer el plan',
		uploading: 'Enviando el archivo: {percent} %',
		merging: 'Uniendo los planes…',
		done: 'El plan ya está aquí. Se agregó todo lo del archivo y no se borró nada.',
		unchanged: 'Este plan ya tenía todo lo de este archivo. No cambió nada.',
		keptField: '{field}: se mantuvo {kept} (el archivo decía {archived})',
		openPlan: 'Abrir el plan',
		noPlans: 'Aquí no hay ningún plan al que usted pueda traer un plan.',
		notArchive:
			'Este archivo no es un archivo de plan de Pathways. Elija el .zip que la otra escuela descargó con “Descargar todo”.',
		tooLarge:
			'Este archivo es demasiado grande para este servidor. Pregunte al administrador de Pathways de la escuela.',
		tooNew:
			'Este archivo viene de una versión más nueva de Pathways. Pida al administrador de Pathways de la escuela que actualice Pathways primero.',
		notPermitted:
			'Usted no puede traer un plan a este. Pregunte al consejero del estudiante o a un administrador de la escuela.',
		failed: 'No se pudo traer el plan. No cambió nada. {detail}',
		historyWhat: 'Plan traído de otra escuela',
		historyWhy: 'El plan que el estudiante tenía en {school} se agregó a este.',
		historyOtherSchool: 'otra escuela',
		historyKept: 'Se mantuvo la información de la escuela nueva: {changes}.',
		historyChange: '{field} era {archived}, ahora {kept}'
	},
	readers: {
		link: 'Quién puede ver mi plan',
		title: 'Quién puede ver mi plan',
		titleStaff: 'Quién puede ver este plan',
		deciding: 'Tienes 18 años o más, así que tú decides si cada familiar puede leer tu plan.',
		notYet:
			'Desde tu cumpleaños número 18 tú decides si tu familia puede leer tu plan. Hasta entonces deciden tu escuela y tu familia.',
		staffDeciding: 'El estudiante tiene 18 años o más y decide si cada familiar puede leer el plan.',
		family: 'Familia',
		hasAccess: '{name} puede leer este plan y escribir en la parte de la familia.',
		ended: '{name} ya no puede leer este plan. Tú lo decidiste el {date}.',
		endedStaff: '{name} ya no puede leer este plan: el estudiante lo decidió el {date}.',
		end: 'Quitar el acceso a {name}',
		giveBack: 'Devolver el acceso a {name}',
		none: 'No hay ningún familiar vinculado a este plan.',
		saved: 'Guardado. {name} ve el cambio enseguida.',
		failed: 'No funcionó. No cambió nada. {detail}'
	},
	pwa: {
		install: 'Instalar Pathways',
		installHint: 'Agrega Pathways a este dispositivo para que se abra sin internet.',
		updateReady: 'Hay una nueva versión de Pathways lista.',
		reload: 'Volver a cargar ahora',
		later: 'Más tarde',
		offlineReady: 'Ahora Pathways funciona sin internet en este dispositivo.'
	},
	editor: {
		sections: 'Partes del plan',
		add: 'Agregar',
		remove: 'Quitar',
		confirmRemove: '¿Quitar esto? No se puede deshacer.',
		none: 'Todavía no hay nada aquí.',
		linkedGoals: 'Metas de las que esto forma parte',
		noGoals: 'Primero agrega una meta.',
		addPerson: 'Agregar persona',
		personName: 'Nombre',
		personRole: 'Función',
		removePerson: 'Quitar a {name}',
		chooseOne: 'Elige…',
		noGoal: 'Sin meta',
		back: 'Todos los planes',
		stepsOfGoal: 'Pasos de acción para esta meta',
		untitled: 'Sin título',
		notWritten: 'Todavía sin escribir',
		notChosen: 'Todavía sin elegir'
	},
	sections: {
		info: 'Datos del plan',
		meetings: 'Reuniones',
		profile: 'Sobre mí',
		assessments: 'Inventarios y evaluaciones iniciales',
		goals: 'Metas',
		steps: 'Pasos de acción',
		pathways: 'Caminos flexibles',
		progress: 'Progreso',
		evidence: 'Evidencias',
		reflections: 'Reflexiones',
		revisions: 'Revisiones',
		transitions: 'Planes de transición'
	},
	addLabels: {
		meetings: 'Agregar una reunión',
		assessments: 'Agregar un inventario o una evaluación',
		goals: 'Agregar una meta',
		steps: 'Agregar un paso de acción',
		pathways: 'Agregar un camino',
		progress: 'Agregar una revisión de progreso',
		evidence: 'Agregar una evidencia',
		reflections: 'Agregar una reflexión',
		revisions: 'Agregar una revisión',
		transitions: 'Agregar un plan de transición'
	},
	info: {
		studentName: 'Nombre del estudiante',
		studentId: 'Número de estudiante',
		school: 'Escuela',
		grade: 'Grado',
		startDate: 'Fecha de inicio del plan'
	},
	profile: {
		strengths: 'Mis fortalezas, capacidades y habilidades',
		coreValues: 'Lo que más me importa',
		inspirations: 'Quién y qué me inspira',
		howILearn: 'Cómo aprendo mejor',
		interests: 'Mis intereses',
		challenges: 'Lo que me cuesta',
		visionNear: 'Dónde me veo en 6 meses a 2 años',
		visionFar: 'Dónde me veo en 5 a 10 años'
	},
	cycle: {
		title: 'Tu camino este año',
		roundStarted: 'Esta vuelta empezó el {date}.',
		next: 'Siguiente:',
		done: 'hecho',
		now: 'estás aquí',
		questions: 'Preguntas para pensar',
		familyQuestions: 'Preguntas para la familia',
		schoolQuestions: 'De tu escuela',
		missing: 'Falta hacer',
		allClear: 'Por ahora no falta nada.',
		steps: {
			profile: 'Conócete',
			goals: 'Ponte metas',
			steps: 'Planea los pasos',
			work: 'Trabaja para lograr tus metas',
			progress: 'Revisa tu progreso',
			reflect: 'Mira hacia atrás',
			revise: 'Actualiza tu plan'
		},
		nextHint: {
			profile: 'Responde algunas preguntas más en “Sobre mí”.',
			goals: 'Agrega una meta, di cómo sabrás que la lograste y para cuándo.',
			steps: 'Dale a cada meta al menos un paso de acción.',
			work: 'Empieza un paso de acción o un camino, y márcalo como “Haciéndolo ahora”.',
			progress: 'Agrega una revisión de progreso o una evidencia.',
			reflect: 'Escribe una reflexión sobre cómo te va.',
			revise: 'Reúnete con tu asesor y tu familia, y luego anota qué cambias y por qué.'
		},
		studentQuestions: {
			profile: [
				'¿En qué soy bueno o buena, en la escuela y fuera de ella?',
				'¿Qué es lo que más me importa?',
				'¿A quién admiro, y por qué?',
				'¿Qué hago en mi tiempo libre sin que nadie me lo pida?',
				'¿Qué me cuesta, y qué me ayuda cuando me cuesta?'
			],
			goals: [
				'¿Qué quiero poder hacer dentro de un año?',
				'¿Cómo sabré que lo logré?',
				'¿Por qué me importa esta meta?',
				'¿Esta meta es mía, o es una idea de otra persona para mí?',
				'¿Es lo bastante grande para importar y lo bastante pequeña para lograrla este año?'
			],
			steps: [
				'¿Qué es lo primero y pequeño que puedo hacer esta semana?',
				'¿Quién me puede ayudar?',
				'¿Qué mostrará que estoy avanzando?',
				'¿Qué podría ponerse en mi camino, y qué haré entonces?',
				'¿Cuándo estará listo cada paso?'
			],
			work: [
				'¿En qué paso estoy trabajando ahora?',
				'¿Hay alguna clase, trabajo o programa fuera de la escuela que me pueda ayudar?',
				'¿Qué hice esta semana que me acercó a mi meta?',
				'¿Qué estoy dejando para después, y por qué?',
				'¿A quién debería contarle cómo me va?'
			],
			progress: [
				'¿Qué he terminado? ¿Qué lo demuestra?',
				'¿Qué meta es más difícil de lo que pensaba?',
				'¿Qué puedo hacer ahora que antes no podía?',
				'¿Qué le mostraría a alguien para probar cuánto he avanzado?',
				'¿Voy a tiempo con mis pasos? Si no, ¿qué me frenó?'
			],
			reflect: [
				'¿Qué salió bien, y por qué?',
				'¿Qué haría de otra manera?',
				'¿Qué aprendí sobre cómo aprendo?',
				'¿Qué me sorprendió esta vez?',
				'¿Qué quiero seguir haciendo en la próxima vuelta?'
			],
			revise: [
				'¿Qué metas mantengo, cambio o termino?',
				'¿Qué me hizo querer cambiarlas?',
				'¿Hay una meta nueva que quiero agregar?',
				'¿Qué ayuda necesito ahora de mi consejero o de mi familia?',
				'¿Qué debería decir mi plan sobre mí que antes no decía?'
			]
		},
		familyQuestionsByStep: {
			profile: [
				'¿Qué hace muy bien su hijo o hija?',
				'¿Qué le encanta hacer en casa a su hijo o hija?',
				'¿En qué momentos da su hijo o hija lo mejor de sí?',
				'¿Qué le ha enseñado su hijo o hija a usted?',
				'¿Qué debería saber la escuela de su hijo o hija que no aparece en las calificaciones?'
			],
			goals: [
				'¿Qué espera para su hijo o hija después de la secundaria?',
				'¿Qué le preocupa?',
				'¿Qué le gustaría que su hijo o hija pudiera hacer dentro de un año?',
				'¿Cuál de sus metas le entusiasma más?',
				'¿Cree que falta alguna meta?'
			],
			steps: [
				'¿Cómo puede ayudar la familia con estos pasos?',
				'¿Quién en la familia o la comunidad podría enseñarle cómo se hace?',
				'¿Qué podría ser un obstáculo en casa, y cómo podríamos prepararnos?',
				'¿Qué momento y qué lugar de la casa podría usar para este trabajo?',
				'¿Qué paso podrían dar juntos?'
			],
			work: [
				'¿En qué ha visto trabajar a su hijo o hija?',
				'¿De qué habla su hijo o hija cuando llega a casa?',
				'¿Dónde ha visto a su hijo o hija esforzarse este mes?',
				'¿Participa en algo fuera de la escuela que deberíamos conocer?',
				'¿Qué haría este trabajo más fácil en casa?'
			],
			progress: [
				'¿Qué avances ha notado en casa?',
				'¿Qué puede hacer ahora su hijo o hija que antes no podía?',
				'¿Qué meta parece más difícil para su hijo o hija ahora?',
				'¿Qué pruebas de su trabajo ha visto: algo hecho, escrito o logrado?',
				'¿Cómo parece sentirse con la escuela últimamente?'
			],
			reflect: [
				'¿De qué se siente orgulloso u orgullosa este año?',
				'¿Qué le gustaría que la escuela supiera?',
				'¿Qué ha cambiado en su hijo o hija desde la última reunión?',
				'¿Qué hizo este año que le sorprendió?',
				'¿Qué le gustaría ver más en la próxima etapa?'
			],
			revise: [
				'¿Hay algo en el plan que usted cambiaría?',
				'¿Qué metas debería mantener, y cuáles ya quedaron atrás?',
				'¿Qué nueva esperanza tiene para la próxima etapa?',
				'¿Cómo pueden la escuela y la familia trabajar mejor juntas?',
				'¿Qué ayuda necesitará su hijo o hija de usted ahora?'
			]
		},
		gaps: {
			'profile-unanswered': 'Todavía sin responder: {what}',
			'goal-no-measure': 'Meta “{what}”: ¿cómo sabrás que la lograste?',
			'goal-no-date': 'Meta “{what}”: ¿para cuándo?',
			'goal-no-steps': 'La meta “{what}” todavía no tiene pasos de acción.',
			'step-no-evidence': 'Paso “{what}”: ¿qué mostrará tu progreso?',
			'pathway-no-goal': 'El camino “{what}” todavía no está unido a una meta.'
		},
		review: {
			overdue: 'La actualización anual tocaba el {date}. Planea una reunión pronto.',
			'due-soon': 'La próxima actualización toca el {date}.',
			'on-track': 'Próxima actualización: {date}.',
			unknown: 'Agrega la fecha de inicio del plan para ver cuándo toca la próxima actualización.'
		}
	},
	conference: {
		start: 'Empezar una reunión del PLP (Plan Personal de Aprendizaje)',
		active: 'Reunión del PLP en curso',
		since: 'iniciada a las {time} por {name}',
		whoIsHere: 'Participan: {names}',
		end: 'Terminar la reunión',
		addPersonHint:
			'¿Alguien participó en papel o por teléfono? Agrégalo en la reunión, en la parte “Reuniones”.'
	},
	revision: {
		kept: 'Una revisión registrada queda como está. Para corregirla, registre una revisión nueva.',
		draftHint: 'Un primer borrador a partir de lo que cambió desde la última revisión. Cámbielo como quiera.',
		draft: { added: 'Se agregó: {what}', changed: 'Se cambió: {what}', removed: 'Se quitó: {what}' },
		draftMore: '…y {count, plural, one {# cambio más} other {# cambios más}}',
		record: 'Anotar una revisión',
		title: '¿Qué cambiaste en el plan?',
		whatChanged: 'Qué cambió',
		why: 'Por qué',
		reflections: 'Reflexiones que llevaron al cambio',
		save: 'Guardar la revisión',
		cancel: 'Cancelar',
		needWhat: 'Por favor, di qué cambió y por qué.',
		seeChanges: 'Ver qué cambió',
		pageTitle: 'Revisión del {date}',
		changesTitle: 'Qué cambió desde la revisión anterior',
		firstRevision: 'Esta es la primera revisión: todo lo que tiene es nuevo.',
		noChanges: 'Nada cambió en el plan desde la revisión anterior.',
		before: 'Antes',
		after: 'Después',
		added: 'Agregado',
		removed: 'Quitado',
		changed: 'Cambiado',
		asItStood: 'El plan tal como estaba el {date}',
		readOnly: 'Esta es una vista guardada. No se puede cambiar.',
		unavailable: 'Esta revisión no tiene una vista guardada del plan.',
		reasons: 'Por qué: {why}',
		participants: 'Participaron: {names}',
		addedWords: 'añadido:',
		removedWords: 'quitado:',
		endOfChange: '(fin del cambio)',
		familySince: 'Escrito en “De la familia” desde la revisión anterior'
	},
	school: {
		title: 'Plantilla de la escuela',
		intro:
			'Elige lo que ofrece cada plan de tu escuela. Los cambios llegan a todos los dispositivos cuando se conectan, también a los que ahora están sin conexión.',
		pathways: 'Caminos flexibles',
		addPathway: 'Agregar un camino',
		pathwayName: 'Nombre del camino',
		categories: 'Categorías de metas',
		addCategory: 'Agregar una categoría de metas',
		categoryName: 'Nombre de la categoría',
		prompts: 'Preguntas adicionales',
		addPrompt: 'Agregar una pregunta',
		promptText: 'Pregunta',
		promptStep: 'Paso',
		promptVoice: 'Para',
		voiceStudent: 'Estudiantes',
		voiceFamily: 'Familias',
		sections: 'Partes del plan',
		sectionsHint:
			'Las partes que muestra cada plan. Lo que los estudiantes ya escribieron en una parte oculta se conserva.',
		interval: 'Actualizar cada plan al menos cada … meses',
		saveInterval: 'Guardar',
		builtIn: 'Incluido',
		onlyAdmins: 'Solo los administradores de la escuela pueden cambiar la plantilla.',
		link: 'Plantilla de la escuela'
	},
	caseload: {
		filter: 'Mostrar',
		all: 'Todos',
		overdue: 'Actualización atrasada',
		dueSoon: 'Vence en 30 días o menos',
		revised: 'Actualizados este año',
		due: 'Próxima actualización: {date}',
		onDevice: 'En este dispositivo, actualizado el {time}',
		notOnDevice: 'Todavía no está en este dispositivo',
		overdueBadge: 'Atrasado',
		missingFilter: 'Falta algo',
		search: 'Buscar a un estudiante por su nombre',
		caption: 'Mis estudiantes',
		shown: 'Se muestran {shown} de {total, plural, one {# plan} other {# planes}}',
		noMatch: 'Ningún plan coincide.',
		empty: 'Todavía no hay planes entre tus estudiantes.',
		columns: {
			student: 'Estudiante',
			grade: 'Grado',
			step: 'En qué paso del ciclo',
			missing: 'Qué falta',
			due: 'Próxima actualización',
			changed: 'Último cambio',
			family: 'Última nota de la familia'
		},
		nothingMissing: 'No falta nada',
		notYet: 'Todavía no',
		noFamilyNote: 'Ninguna todavía',
		noDate: 'Sin fecha todavía',
		missingKinds: {
			'profile-unanswered':
				'{count, plural, one {# pregunta de “Sobre mí” sin responder} other {# preguntas de “Sobre mí” sin responder}}',
			'goal-no-measure':
				'{count, plural, one {# meta sin forma de saber si se logró} other {# metas sin forma de saber si se lograron}}',
			'goal-no-date': '{count, plural, one {# meta sin fecha} other {# metas sin fecha}}',
			'goal-no-steps':
				'{count, plural, one {# meta sin pasos de acción} other {# metas sin pasos de acción}}',
			'step-no-evidence':
				'{count, plural, one {# paso sin evidencia prevista} other {# pasos sin evidencia prevista}}',
			'pathway-no-goal':
				'{count, plural, one {# trayecto sin meta asociada} other {# trayectos sin meta asociada}}'
		}
	},
	invite: {
		title: 'Invitar a la familia',
		intro:
			'Crea un código para que una madre, un padre o un tutor pueda unirse a este plan desde su propio teléfono o computadora. No necesita una cuenta de la escuela.',
		language: 'Idioma de la familia',
		languageHint: 'La carta y la página para unirse estarán en este idioma.',
		create: 'Crear un código de invitación',
		creating: 'Creando el código…',
		needOnline: 'Necesitas internet para crear un código de invitación.',
		print: 'Imprimir la carta',
		another: 'Crear otro código',
		letterTitle: 'Únase al plan de aprendizaje de {student}',
		letterBody:
			'En la escuela, {student} escribe un Plan Personal de Aprendizaje: metas, pasos y lo que va aprendiendo. Usted puede leerlo y agregar sus propias ideas, desde un teléfono o una computadora.',
		letterScan: 'O apunte la cámara de un teléfono a este cuadro, y la dirección se abre sola:',
		qrLabel: 'Código QR de la dirección para unirse',
		letterStep1: 'Abra esta dirección:',
		letterStep2: 'Escriba este código de invitación:',
		letterStep3: 'Elija un nombre de usuario y una contraseña. Guárdelos en un lugar seguro.',
		letterExpires: 'El código funciona una sola vez, hasta el {date}.',
		letterHelp: '¿Tiene preguntas? Hable con {advisor} en {school}.'
	},
	family: {
		title: 'De la familia',
		hint: 'Aquí escriben las madres, los padres y los tutores. Todas las personas del plan pueden leerlo.',
		strengths: 'Fortalezas que ve nuestra familia',
		hopes: 'Lo que esperamos para el futuro',
		reflections: 'Reflexiones de la familia',
		addReflection: 'Agregar una reflexión de la familia',
		reflection: 'Reflexión',
		readOnly: 'Aquí solo escribe la familia. Usted puede leerlo.'
	},
	fields: {
		date: 'Fecha',
		kind: 'Tipo',
		participants: 'Quién participó',
		notes: 'Notas',
		name: 'Nombre',
		score: 'Puntaje o resultado',
		category: 'Categoría',
		term: 'Corto o largo plazo',
		title: 'Meta',
		why: 'Por qué me importa',
		measure: 'Cómo sabré que la logré',
		byWhen: 'Para cuándo',
		status: 'Estado',
		goalId: 'Meta',
		what: 'Qué voy a hacer',
		timeline: 'Cuándo',
		evidenceExpected: 'Qué mostrará mi progreso',
		support: 'Quién me va a ayudar',
		provider: 'Dónde o con quién',
		startDate: 'Fecha de inicio',
		endDate: 'Fecha de fin',
		goalIds: 'Metas',
		stepIds: 'Pasos de acción',
		proficiency: 'Competencia o habilidad',
		assessmentKind: 'Tipo de evaluación',
		level: 'Nivel',
		note: 'Nota',
		evidenceIds: 'Evidencias',
		url: 'Enlace',
		fileHash: 'Huella del archivo',
		fileName: 'Nombre del archivo',
		mimeType: 'Tipo de archivo',
		body: 'Texto',
		authorRole: 'Escrito por (función)',
		authorName: 'Escrito por (nombre)',
		prompt: 'Pregunta',
		whatChanged: 'Qué cambió',
		reflectionIds: 'Reflexiones que llevaron al cambio',
		targetDate: 'Fecha meta',
		plan: 'El plan',
		supports: 'Apoyos',
		snapshot: 'Vista guardada del plan',
		section: 'Parte del plan',
		proficiencyIds: 'Competencias y habilidades'
	},
	proficiencies: {
		title: 'Competencias y escalas',
		link: 'Competencias',
		intro:
			'Sube los requisitos de graduación, las habilidades transferibles y las escalas de evaluación de la escuela. Cada vez que subes algo que cambia, se guarda como una versión nueva. Los dispositivos guardan la más reciente para usarla sin conexión.',
		format: 'Tipo de archivo',
		csv: 'CSV (dos archivos: proficiencies.csv y scales.csv)',
		json: 'JSON (un archivo: framework.json)',
		casePackage: 'Paquete CASE 1.0 (un archivo JSON con CFDocument, CFItems, CFAssociations y CFRubrics)',
		changes: 'Cambios respecto a la versión en uso',
		noChanges: 'Nada cambia respecto a la versión en uso.',
		changeCode: 'Código',
		changeWhat: 'Cambio',
		changeText: 'Texto',
		changeAdded: 'añadido',
		changeRemoved: 'quitado',
		changeReworded: 'redactado de nuevo',
		files: 'Archivos',
		check: 'Revisar los archivos',
		save: 'Guardar como versión nueva',
		working: 'Trabajando…',
		noFiles: 'Primero elige los archivos.',
		checked: 'Revisado. Todavía no se guardó nada.',
		saved: 'Guardado como versión {version}.',
		same: 'Es igual a la versión {version}. No se guardó nada nuevo.',
		blocked: 'No se guardó nada, por los problemas que aparecen abajo.',
		counts:
			'{graduation} requisitos de graduación, {transferable} habilidades transferibles, {indicators} indicadores de desempeño, {scales} escalas',
		current: 'En uso ahora: versión {version}',
		none: 'Todavía no hay competencias.',
		versions: 'Versiones',
		graduation: 'requisito de graduación',
		transferable: 'habilidad transferible',
		option: '{id} · {title} ({kind})',
		indicators: 'Indicadores de desempeño',
		scale: 'Escala',
		schoolHasNone: 'Su escuela todavía no ha preparado su lista de competencias.',
		notOnDevice:
			'La lista de competencias de la escuela todavía no está en este dispositivo. Llegará la próxima vez que tengas internet.'
	},
	growth: {
		title: 'Crecimiento',
		link: 'Ver el crecimiento con el tiempo',
		backToPlan: 'Volver al plan',
		intro:
			'El nivel de cada competencia a lo largo del tiempo, según las entradas de progreso de este plan. La tabla debajo de cada gráfica tiene la misma información.',
		empty:
			'Todavía no hay entradas de progreso con una competencia y una fecha. Agrega una en la parte Progreso del plan.',
		onScale: 'Escala: {scale}',
		tableCaption: 'Niveles de {title} por fecha',
		goals: 'Metas',
		goalCounts: '{met} logradas · {active} activas · {other} cambiadas o detenidas',
		pathways: 'Caminos a lo largo del tiempo',
		goalsByProficiency: 'Metas de cada competencia',
		pathwayChartHint:
			'Cada barra es un camino, desde su inicio hasta su fin (o hasta hoy). La tabla de abajo tiene la misma información.'
	},
	growthGlance: {
		title: 'El crecimiento de un vistazo',
		link: 'El crecimiento de un vistazo',
		onlyStaff: 'Esta página es para asesores y administradores de la escuela.',
		offlineCopy: 'Sin conexión: esta es la copia de {time}.',
		caseload: 'Mis estudiantes',
		allStudents: 'Todos los estudiantes',
		student: 'Estudiante',
		grade: 'grado {grade}',
		gradeColumn: 'Grado',
		reviewDue: 'Próxima revisión',
		noDate: 'Todavía sin fecha',
		lastActivity: 'Último cambio',
		never: 'nunca',
		family: 'Familia',
		familyEntries: '{count, plural, one {# nota} other {# notas}}',
		lastFamily: 'la última: {date}',
		goalsWithoutProgress: 'Metas sin progreso en 60 días',
		ofActive: '{count} de {active, plural, one {# meta activa} other {# metas activas}}',
		schoolCounts: 'En toda la escuela',
		revised: '{revised} de {students} planes actualizados en {year}',
		pathways: 'Estudiantes en cada tipo de camino',
		levels: 'Niveles de competencia más recientes por grado',
		students: 'Estudiantes',
		plans: 'Planes',
		revisedChart: 'Planes actualizados en {year}',
		revisedYes: 'Actualizado en {year}',
		revisedNo: 'Todavía sin actualizar en {year}',
		levelsChart: 'Niveles más recientes de {proficiency}, por grado',
		levelSeries: 'Nivel {level}',
		noGrade: 'Sin grado'
	},
	rowReasons: {
		schoolRosterId: 'id de lista → {to}',
		fieldIdentifier: 'identificador',
		personNew: '{name}: nuevo ({role})',
		personAdopted: '{name}: la cuenta existente {username} ahora la mantiene la lista',
		personAbsent: '{name}: ya no está en el archivo, desactivado',
		personChanged: '{name}: {changes}',
		fieldChange: '{field} {from} → {to}',
		fieldName: 'nombre',
		fieldUsername: 'nombre de usuario',
		fieldTitle: 'cargo',
		fieldGrade: 'grado',
		fieldStudentId: 'ID de estudiante',
		fieldBirthDate: 'fecha de nacimiento',
		backAtSchool: 'de vuelta en la escuela',
		left: 'se fue',
		tooMany: '{field} tiene {count} entradas: se leen como mucho {limit}',
		caseItemRepeated: 'el CFItem {id} aparece dos veces',
		caseLinkUnknown: '{field} nombra {id}, que no está entre los CFItems',
		caseItemNotPlaced:
			'el CFItem {item} no está bajo el documento ni bajo otro elemento (no tiene isChildOf)',
		fileMissing: 'falta este archivo',
		csvUnreadable: 'el archivo no se pudo leer como CSV ({detail})',
		fileEmpty: 'el archivo está vacío',
		columnsMissing: '{count, plural, one {falta la columna} other {faltan las columnas}}: {columns}',
		jsonInvalid: 'no es JSON válido ({detail})',
		fieldEmpty: '{field} está vacío',
		namesEmpty: '{given} y {family} están vacíos',
		idRepeated: '{column} {id} también está en la línea {line}',
		usernameInvalid: 'el nombre de usuario «{value}» no sirve (de 3 a 40 letras, cifras, puntos o guiones)',
		usernameRepeated: 'el nombre de usuario {username} también está en la línea {line}',
		usernameTaken: 'el nombre de usuario {username} ya lo usa otra cuenta',
		roleUnknown: 'rol desconocido «{value}»',
		roleUnknownUse: 'rol desconocido «{value}» (usa {allowed})',
		roleCannotChange: '{name} ya es {role} en Pathways: una importación no puede cambiar un rol',
		gradeInvalid: 'el grado «{value}» no es un grado de KG a 13',
		orgUnknown: 'la org {orgId} no está en orgs.csv',
		orgNotWritable: 'pertenece a {school} ({orgId}), que esta importación no puede cambiar',
		noSchoolWritten: 'no pertenece a ninguna escuela que escriba esta importación',
		agentRowRefused: 'vinculado a {agentId}, cuya fila no se importó',
		agentNotStudent: 'vinculado a {agentId}, que no es estudiante en users.csv',
		agentNotGuardian: 'vinculado a {agentId}, que no es tutor ni madre o padre en users.csv',
		noChildHere: 'no tiene ningún hijo o hija en esta escuela',
		classUnknown: 'la clase {classId} no está en classes.csv',
		userUnknown: 'el usuario {userId} no está en users.csv para las escuelas importadas',
		advisorOtherSchool: 'asesora a {student}, que está en otra escuela: vincúlalos a mano',
		guardianOtherSchool: 'tutor de {student}, que está en otra escuela: vincúlalos a mano',
		guardianNeedsChildren: 'un tutor necesita student_ids (los ids de sus hijos)',
		advisorNotStaff: 'advisor_id {advisorId} no es una fila de personal en este archivo',
		childNotStudent: 'vinculado a {studentId}, que no es estudiante en este archivo',
		schoolOtherDistrict:
			'{school} ({orgId}) es una escuela de otro distrito: no se puede cambiar desde {district}',
		schoolNotYours:
			'{school} ({orgId}) no es tu escuela: solo un administrador de distrito puede crear o cambiar otras escuelas',
		ownSchoolUnknown: 'no se sabe cuál es tu escuela',
		ownSchoolIs: 'tu escuela es {rosterId} en la lista, no {chosen}',
		schoolNotInFile: 'no hay ninguna escuela con sourcedId {orgId}',
		rosterIdTaken: '{orgId} ya es el id de lista de {holder}',
		chooseSchool: '{count} escuelas: elige cuál es la tuya ({orgIds})',
		schoolNoName: 'la escuela {orgId} no tiene nombre',
		notANumber: '{field} no es un número',
		notANumberValue: '{field} «{value}» no es un número',
		notAList: '{field} debe ser una lista',
		valueNotAllowed: '{field} «{value}» no es ninguno de estos: {allowed}',
		levelRepeated: 'el nivel {level} de la escala {scaleId} aparece dos veces',
		kindConflict: 'la competencia {id} aparece como {first} y también como {second}',
		indicatorRepeated: 'el indicador {id} aparece dos veces',
		noScales: 'no hay ninguna escala de evaluación',
		noProficiencies: 'no hay ninguna competencia',
		scaleRepeated: 'la escala {scaleId} aparece dos veces',
		scaleTooShort: 'la escala {scaleId} necesita al menos dos niveles',
		scaleLevelTwice: 'la escala {scaleId} tiene un nivel repetido',
		proficiencyRepeated: 'la competencia {id} aparece dos veces',
		scaleUnknown: 'la competencia {id} usa la escala {scaleId}, que no está entre las escalas',
		manifestSaysAbsent: 'manifest.csv dice que este archivo no está: envía el manifest que venía con él',
		manifestDoesNotList: 'manifest.csv no menciona este archivo: envía el manifest que venía con él',
		manifestFileMissing: 'manifest.csv menciona este archivo ({mode}) pero no está entre los archivos',
		manifestVersion: 'Versión de OneRoster «{value}»: Pathways lee 1.1 y 1.2',
		manifestMode: '{property} es «{value}»: debe ser bulk, delta o absent',
		noSchoolOrg: 'no hay ninguna org de tipo «school»',
		orgInNoSchool: '{orgs} no está en ninguna escuela',
		roleNotUsed: 'el rol «{role}» no tiene cuenta en Pathways',
		noRoleInRoles: 'este usuario no tiene rol en roles.csv',
		noOrgInRoles: 'este usuario no tiene org en roles.csv',
		rolesFileMissing: 'falta este archivo (OneRoster 1.2 guarda los roles en él)',
		roleDeleted: 'rol marcado como tobedeleted',
		roleOfUnknownUser: 'el usuario {userId} no está en users.csv',
		roleOfUnknownUserDelta: 'el usuario {userId} no está en el users.csv de este delta: el rol no cambia',
		profileOfUnknownUser: 'el usuario {userId} no está en users.csv',
		birthDateInvalid: 'birthDate «{value}» no es una fecha (AAAA-MM-DD)',
		birthDateNotStudent:
			'{userId} no es un estudiante importado aquí: solo se guardan las fechas de nacimiento de los estudiantes',
		birthDateRowRefused: 'la fila de {userId} en users.csv no se importó',
		deltaClassUnknown:
			'la clase {classId} no está en el classes.csv de este delta: los asesores vienen de una exportación completa (bulk)',
		deltaUserUnknown:
			'el usuario {userId} no está en el users.csv de este delta: los asesores vienen de una exportación completa (bulk)'
	},
	roster: {
		title: 'Importar la lista de la escuela',
		link: 'Importar la lista',
		intro:
			'Trae a los estudiantes, al personal y a las familias desde tu sistema de información estudiantil. Primero revisa los archivos: nada cambia hasta que presiones Importar.',
		format: 'Tipo de archivo',
		oneRoster: 'OneRoster 1.1 o 1.2 CSV: la exportación completa, en su .zip o todos sus archivos',
		simple: 'CSV simple (un archivo: people.csv)',
		files: 'Archivos',
		filesHint: 'Elige el .zip de la exportación, o todos sus archivos a la vez.',
		notUsed: 'No se usan: {names}',
		schoolId: 'Identificador de la escuela en orgs.csv (solo si los archivos tienen varias escuelas)',
		check: 'Revisar los archivos',
		import: 'Importar',
		onlyGoodRows: 'Importar solo las filas correctas y dejar fuera las filas con problemas',
		working: 'Trabajando… en una escuela grande puede tardar un minuto. Deja esta página abierta.',
		noFiles: 'Primero elige los archivos.',
		checked: 'Revisado. Todavía no cambió nada.',
		imported: 'Importado. Se hicieron estos cambios.',
		blocked:
			'No se importó nada, porque algunas filas tienen problemas. Corrígelas o elige importar solo las filas correctas.',
		problems: 'Filas con problemas',
		skipped: 'Filas que se dejaron fuera',
		changes: 'Cambios',
		noChanges: 'No hay nada que cambiar: la lista está al día.',
		file: 'Archivo',
		line: 'Línea',
		reason: 'Problema',
		wholeFile: 'todo el archivo',
		who: 'Quién',
		created: 'Nuevos',
		updated: 'Cambiados',
		reactivated: 'De vuelta',
		deactivated: 'Desactivados',
		unchanged: 'Sin cambios',
		students: 'Estudiantes',
		staff: 'Personal',
		guardians: 'Familias',
		caseloads: 'Estudiantes asignados a asesores: {added} agregados, {removed} quitados',
		guardianLinks: 'Vínculos con familias: {added} agregados, {removed} quitados',
		firstPasswords: 'Primeras contraseñas',
		firstPasswordsIntro:
			'Las personas de la lista no pueden iniciar sesión hasta que tengan una contraseña. Dale a cada una una primera contraseña y dísela en persona.',
		nobodyWithout: 'Todas las personas de la lista tienen contraseña.',
		setPassword: 'Poner contraseña',
		passwordSet: 'Contraseña puesta para {name}.',
		newPassword: 'Primera contraseña para {name}',
		schools: 'Escuelas',
		schoolName: 'Escuela',
		schoolSourceId: 'Identificador en orgs.csv',
		schoolWhat: 'Qué pasa',
		schoolCreated: 'Escuela nueva',
		schoolUpdated: 'Cambió: {changes}',
		schoolUnchanged: 'Sin cambios',
		filesReceived: 'Archivos recibidos',
		fileName: 'Archivo',
		fileUse: 'Uso',
		fileUsed: 'Se usa',
		fileUsedDelta: 'Se usa: solo las filas que cambiaron (delta)',
		fileNotUsed: 'Pathways no lo usa',
		fileUnknown: 'No es un archivo de OneRoster: no se usa',
		version: 'OneRoster versión {version}',
		confirmTitle: 'Confirma antes de importar',
		confirmIntro: 'Esta importación cambia cosas difíciles de deshacer. Marca cada una que quieras.',
		confirmRenamed: 'Cambiar el nombre de la escuela «{from}» a «{to}»',
		confirmRosterId: 'Dar a {school} el ID de la lista {to} (ahora: {from})',
		confirmIdentifier: 'Cambiar el código de escuela de {school} a {to} (ahora: {from})',
		confirmStudentsOff: 'Desactivar a {count} de los {of} estudiantes de {school} (más del {limit} %)',
		nothing: 'ninguno',
		confirmAll: 'Marca cada cambio de arriba antes de importar.'
	},
	// Issue #18: the school's self-assessment on the five essentials (src/routes/school/self-assessment).
	selfAssessment: {
		link: 'Autoevaluación de la escuela',
		title: 'Cómo va nuestra escuela: los cinco esenciales',
		intro:
			'Una vez al año, el equipo de la escuela evalúa la escuela en cinco esenciales del aprendizaje personal. Elija las palabras que más se parecen a su escuela hoy. Las cifras al lado de cada uno salen de los planes de sus estudiantes.',
		school: 'Escuela',
		year: 'Año escolar',
		noAccess:
			'Solo los administradores de la escuela, el equipo que ellos eligen y los administradores del distrito pueden ver esta página.',
		readOnly: 'Puede leer esta evaluación, pero no cambiarla.',
		closedYear: 'Este año escolar está cerrado: queda como se guardó.',
		notSaved: 'Todavía no hay nada guardado para este año escolar.',
		savedBy: 'Guardado por {name} el {date}.',
		save: 'Guardar la evaluación',
		saved: 'Guardado.',
		level: 'Dónde estamos ahora',
		notRated: 'Sin evaluar todavía',
		lastYear: 'El año pasado: {level}',
		lastYearNone: 'El año pasado: sin evaluar',
		changeUp: 'Mejor que el año pasado',
		changeDown: 'Peor que el año pasado',
		changeSame: 'Igual que el año pasado',
		notes: 'Notas',
		nextSteps: 'Próximos pasos',
		evidence: 'Lo que muestran los planes',
		evidenceHint:
			'Parte de los planes de los estudiantes, por año escolar. Los grupos de menos de 10 estudiantes nunca se cuentan con exactitud.',
		figureYear: 'Año escolar',
		figureStudents: 'Estudiantes',
		figureCount: 'Planes que lo tienen',
		figureShare: 'Parte',
		fewerThan: 'menos de 10',
		moreThan: 'más de {count}',
		noFigures: 'No se pudieron cargar las cifras. Inténtelo de nuevo cuando tenga conexión.',
		print: 'Imprimir el informe',
		printedOn: 'Impreso el {date}.',
		team: 'El equipo',
		teamHint: 'El personal del equipo puede evaluar la escuela junto con los administradores.',
		teamEmpty: 'Todavía no hay personal en el equipo.',
		addToTeam: 'Añadir al equipo',
		staffMember: 'Miembro del personal',
		removeFromTeam: 'Quitar a {name} del equipo',
		levels: {
			initiating: 'Iniciando',
			developing: 'En desarrollo',
			performing: 'Logrado'
		},
		attributes: {
			relationships: {
				name: 'Relaciones personales',
				summary: 'Cada estudiante conoce al menos a un adulto de la escuela que lo conoce bien.',
				initiating:
					'Las buenas relaciones surgen por casualidad. El tiempo de tutoría se usa sobre todo para avisos, y algunos estudiantes no tienen un adulto de confianza.',
				developing:
					'El horario tiene tiempo para las relaciones, pero depende del adulto: muchos estudiantes tienen un adulto de confianza y muchos todavía no.',
				performing:
					'Cada estudiante puede nombrar a un adulto de confianza. El personal está preparado para ello y busca a los estudiantes que están solos.'
			},
			flexibility: {
				name: 'Caminos flexibles',
				summary:
					'Los estudiantes pueden aprender dentro y fuera de la escuela, de formas que cuentan para graduarse.',
				initiating:
					'Hay pocos caminos, sobre todo para quienes tienen dificultades o piden más. Muchos estudiantes no los conocen.',
				developing:
					'Crecen más caminos, como el aprendizaje en el trabajo. Los estudiantes saben cómo unirse a uno, pero los adultos todavía diseñan la mayoría.',
				performing:
					'Cada estudiante tiene opciones reales, puede planear su propio camino hasta la graduación y sabe decir cómo cumple las competencias.'
			},
			'learner-profiles': {
				name: 'Perfiles y planes de aprendizaje',
				summary: 'El plan de cada estudiante muestra quién es, qué quiere y cómo le va.',
				initiating:
					'Los planes se llenan porque es obligatorio. Estudiantes y personal los ven como trabajo extra.',
				developing:
					'Los planes se hacen juntos al menos una vez al año y se invita a las familias. Algunos estudiantes hacen suyo su plan.',
				performing:
					'A los estudiantes les importan sus planes porque dan forma a su aprendizaje, y también los usan fuera de la escuela.'
			},
			proficiency: {
				name: 'Avance por competencias',
				summary: 'Los estudiantes avanzan mostrando lo que saben hacer, frente a metas claras.',
				initiating:
					'Los cursos tienen competencias en una lista, pero la enseñanza y las notas no han cambiado. Muchas veces los estudiantes no saben en qué trabajan.',
				developing:
					'Los docentes usan guías de evaluación compartidas, sobre todo en su propia materia. Quienes siguen otros caminos también muestran sus competencias con ellas.',
				performing:
					'Estudiantes y familias siempre conocen las metas de aprendizaje y los resultados, y los estudiantes avanzan cuando muestran que están listos.'
			},
			agency: {
				name: 'Autonomía del estudiante',
				summary: 'Los estudiantes toman decisiones reales sobre su aprendizaje y las llevan a cabo.',
				initiating:
					'Los adultos deciden casi todo el aprendizaje. Los estudiantes dicen que tienen pocas opciones, o que no les interesan.',
				developing:
					'Los estudiantes tienen opciones y ayuda para aprender a elegir bien. Algunas clases y actividades muestran verdadero interés.',
				performing:
					'Los estudiantes saben explicar las decisiones que tomaron sobre su aprendizaje, y los adultos dentro y fuera de la escuela los apoyan.'
			}
		},
		indicators: {
			revised: 'Planes revisados en los últimos 12 meses',
			'family-reflection': 'Planes con una reflexión de la familia en los últimos 12 meses',
			'goals-linked': 'Planes con una meta unida a una competencia',
			'recent-progress': 'Planes con avances en los últimos 60 días',
			'family-meeting': 'Planes con una reunión en la que participó la familia',
			pathway: 'Planes con {kind}'
		}
	},
	district: {
		link: 'Vista del distrito',
		title: 'Escuelas del distrito',
		sideBySide: 'La autoevaluación y las cifras de cada escuela, una al lado de otra',
		savedOn: 'Guardado',
		admins: 'Administradores del distrito',
		adminsHint:
			'Los administradores del distrito leen la autoevaluación de cada escuela y nombran a otros administradores del distrito.',
		schoolAdmin: 'Administrador de escuela',
		name: 'Nombrar administrador del distrito',
		remove: 'Quitar a {name} como administrador del distrito'
	},
	words: {
		listSeparator: ', ',
		numbered: '{kind} {number}',
		removedRecord: '(eliminado)'
	},
	recordKinds: {
		meetings: 'Reunión {number}',
		assessments: 'Evaluación {number}',
		goals: 'Meta {number}',
		steps: 'Paso de acción {number}',
		pathways: 'Camino {number}',
		progress: 'Revisión del progreso {number}',
		evidence: 'Evidencia {number}',
		reflections: 'Reflexión {number}',
		revisions: 'Revisión {number}',
		transitions: 'Plan de transición {number}'
	},
	fieldsIn: {
		revisions: { why: 'Por qué cambió', date: 'Fecha de la revisión' },
		family: { section: 'Sobre qué parte' }
	},
	exportPage: {
		title: '{name} · Plan Personal de Aprendizaje',
		exportedOn: 'Exportado de Pathways el {date}.',
		dataFormat: 'Los datos también están en plan.json ({format}, versión {version}).',
		comments: 'Comentarios de la familia',
		untitled: 'Plan'
	},
	options: {
		conference: 'Reunión del PLP',
		'annual-review': 'Revisión anual',
		'check-in': 'Reunión de seguimiento',
		transition: 'Reunión de transición',
		other: 'Otro',
		student: 'Estudiante',
		guardian: 'Madre, padre o tutor',
		staff: 'Personal',
		admin: 'Administrador de la escuela',
		advocate: 'Defensor de la familia',
		advisor: 'Asesor',
		teacher: 'Maestro',
		counselor: 'Consejero',
		community: 'Miembro de la comunidad',
		peer: 'Compañero',
		'interest-inventory': 'Inventario de intereses',
		'career-inventory': 'Inventario de carreras',
		baseline: 'Evaluación inicial',
		secondary: 'Meta para la secundaria',
		'post-secondary': 'Meta para después de la secundaria',
		academic: 'Aprendizaje',
		personal: 'Personal',
		career: 'Carrera',
		'two-year-college': 'Universidad de dos años',
		'four-year-college': 'Universidad de cuatro años',
		military: 'Fuerzas armadas',
		certificate: 'Programa de certificado',
		employment: 'Trabajo',
		short: 'Corto plazo',
		long: 'Largo plazo',
		'not-started': 'Sin empezar',
		'in-progress': 'En curso',
		met: 'Lograda',
		revised: 'Cambiada',
		stopped: 'Detenida',
		planned: 'Planeado',
		doing: 'Haciéndolo ahora',
		done: 'Hecho',
		'dual-enrollment': 'Inscripción doble',
		'early-college': 'Universidad temprana',
		'blended-virtual': 'Aprendizaje mixto o virtual',
		'work-based': 'Aprendizaje en el trabajo',
		'completion-program': 'Programa para terminar la secundaria',
		'expanded-learning': 'Aprendizaje ampliado',
		'career-technical': 'Educación técnica y profesional',
		active: 'Activo',
		completed: 'Terminado',
		withdrawn: 'Se retiró',
		benchmark: 'Evaluación de referencia',
		performance: 'Tarea de desempeño',
		self: 'Autoevaluación',
		formative: 'Revisión del aprendizaje',
		file: 'Archivo',
		link: 'Enlace',
		journal: 'Entrada de diario',
		'middle-to-high': 'De la escuela intermedia a la secundaria',
		'high-to-after': 'De la secundaria a la universidad o el trabajo',
		planning: 'Planeando'
	}
};
