// The phone's vote page (voting/page.py puts it inline, named by its hash in the CSP).
(function(){
"use strict";
var form=document.getElementById("vote"),code=document.getElementById("code"),
  question=document.getElementById("question"),status=document.getElementById("status"),
  send=document.getElementById("send"),store=null,memory={};
try{store=window.localStorage;store.getItem("x");}catch(e){store=null;}
function get(k){return store?store.getItem(k):memory[k]||null;}
function put(k,v){if(store){store.setItem(k,v);}else{memory[k]=v;}}
function device(){
  var t=get("__DEVICE__");
  if(!t||!/^[A-Za-z0-9_-]{16,128}$/.test(t)){
    var b=new Uint8Array(16);window.crypto.getRandomValues(b);
    t=Array.prototype.map.call(b,function(x){return("0"+x.toString(16)).slice(-2);}).join("");
    put("__DEVICE__",t);
  }
  return t;
}
var base=window.location.pathname.replace(/\/+$/,"")+"/api/";
function say(text,kind){status.textContent=text;status.className=kind||"";}
function typed(){return code.value.replace(/\s+/g,"").toUpperCase();}
var group=get("__GROUP__");
if(group){var g=form.querySelector('input[name="group"][value="'+CSS.escape(group)+'"]');
  if(g){g.checked=true;}}
function look(){
  var c=typed();
  if(c.length!==4){question.textContent="";return;}
  fetch(base+"state?code="+encodeURIComponent(c),{cache:"no-store"}).then(function(r){
    return r.json().then(function(body){
      if(!r.ok){question.textContent="";say(body.message,"refused");return;}
      question.textContent="Voting on "+body.title+(body.status==="open"?"":" (this vote has closed)");
      if(body.status!=="open"){say("This vote has closed. Wait for the next code on the screen at the front.","refused");}
    });
  }).catch(function(){});
}
code.addEventListener("change",look);
code.addEventListener("input",function(){if(typed().length===4){look();}});
form.addEventListener("submit",function(ev){
  ev.preventDefault();
  var g=form.querySelector('input[name="group"]:checked'),
    a=form.querySelector('input[name="answer"]:checked'),p=form.priority.value;
  if(typed().length!==4){say("Type the 4-letter code shown on the screen at the front.","refused");code.focus();return;}
  if(!g){say("Choose the group you are in.","refused");form.querySelector('input[name="group"]').focus();return;}
  if(!a){say("Choose Stage 1, 2 or 3, or Not sure.","refused");form.querySelector('input[name="answer"]').focus();return;}
  put("__GROUP__",g.value);
  send.disabled=true;say("Sending your vote...");
  fetch(base+"cast",{method:"POST",headers:{"Content-Type":"application/json"},cache:"no-store",
    body:JSON.stringify({code:typed(),device:device(),group:g.value,answer:a.value,
      priority:p?Number(p):null})
  }).then(function(r){return r.json().then(function(body){
      say(body.message,r.ok?"stored":"refused");});
  }).catch(function(){say("Your vote could not be sent: check the phone is on the room's network, then press Send again.","refused");
  }).then(function(){send.disabled=false;});
});
if(typed().length===4){look();}
window.setInterval(function(){if(!document.hidden){look();}},5000);
})();
